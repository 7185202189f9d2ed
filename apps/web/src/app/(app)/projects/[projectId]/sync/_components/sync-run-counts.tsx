'use client';

import type { SyncRunSummary } from '../../../../../../server/services/sync/sync-summaries';
import styles from './sync.module.css';

const STATUS_LABELS: Record<SyncRunSummary['status'], string> = {
  QUEUED: 'Waiting to start',
  RUNNING: 'Syncing',
  SUCCEEDED: 'Finished',
  FAILED: 'Failed',
};

/** A sync run's state and counts, with the reasons for any files it could not handle. */
export function SyncRunCounts({ run }: { run: SyncRunSummary }) {
  const withFailures = run.status === 'SUCCEEDED' && run.error !== null;
  return (
    <div className={styles.runCounts}>
      <span>
        {withFailures ? 'Finished with failures' : STATUS_LABELS[run.status]}
        {run.since ? (
          <span className="muted"> · changes since {run.since.toLocaleString()}</span>
        ) : (
          <span className="muted"> · full check</span>
        )}
      </span>
      <span className="muted">
        {run.written} written · {run.removed} removed · {run.unchanged} unchanged
      </span>
      {run.error ? <span className="form-error">{run.error}</span> : null}
    </div>
  );
}
