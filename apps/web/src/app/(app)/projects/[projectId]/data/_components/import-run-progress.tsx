'use client';

import styles from './data.module.css';

/** Counts of an import run as the server reports them. */
export interface RunCounts {
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  totalItems: number;
  processed: number;
  created: number;
  skipped: number;
  failed: number;
  changed: number;
  removed: number;
  error: string | null;
}

const STATUS_LABELS: Record<RunCounts['status'], string> = {
  QUEUED: 'Waiting to start',
  RUNNING: 'Importing',
  SUCCEEDED: 'Finished',
  FAILED: 'Failed',
};

/** A progress bar with the run's counts spelled out. */
export function ImportRunProgress({ run }: { run: RunCounts }) {
  const active = run.status === 'QUEUED' || run.status === 'RUNNING';
  const listing = run.status === 'RUNNING' && run.totalItems === 0;
  return (
    <div className={styles.progress}>
      <span>
        {STATUS_LABELS[run.status]}
        {listing ? ' (listing the source…)' : ''}
        {run.totalItems > 0 ? ` · ${run.processed} of ${run.totalItems}` : ''}
      </span>
      {active ? (
        <progress
          max={Math.max(run.totalItems, 1)}
          value={listing ? undefined : run.processed}
          aria-label="Import progress"
        />
      ) : null}
      <span className={styles.counts}>
        <span>{run.created} new</span>
        <span>{run.skipped} already present</span>
        {run.changed ? <span>{run.changed} changed</span> : null}
        {run.removed ? <span>{run.removed} removed at source</span> : null}
        <span className={run.failed ? 'form-error' : undefined}>{run.failed} failed</span>
      </span>
      {run.error ? <span className="form-error">{run.error}</span> : null}
    </div>
  );
}
