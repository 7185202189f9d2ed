'use client';

import type { ImportRunSummary } from '../../../../../../server/services/imports/import-summaries';
import type { DataConnectionSummary } from '../../../../../../server/services/imports/import-summaries';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';
import styles from './data.module.css';
import { ImportRunProgress } from './import-run-progress';

/** The project's latest imports, with live progress and the reasons items failed. */
export function ImportRunsPanel({
  runs,
  error,
  connections,
}: {
  runs: ImportRunSummary[] | undefined;
  error: unknown;
  connections: DataConnectionSummary[];
}) {
  const names = new Map(connections.map((connection) => [connection.id, connection.name]));
  return (
    <section className="panel" aria-labelledby="runs-heading">
      <h2 id="runs-heading">Import history</h2>
      <FormError message={errorMessage(error)} />
      {runs && !runs.length ? <p className="empty">No imports yet.</p> : null}
      {runs?.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>Started</th>
              <th>Connection</th>
              <th>Progress</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <td>{run.createdAt.toLocaleString()}</td>
                <td>{names.get(run.connectionId) ?? '—'}</td>
                <td>
                  <ImportRunProgress run={run} />
                  {run.failures.length ? (
                    <details>
                      <summary>
                        Failures
                        {run.failed > run.failures.length
                          ? ` (first ${run.failures.length} of ${run.failed})`
                          : ''}
                      </summary>
                      <ul className={styles.failures}>
                        {run.failures.map((failure, index) => (
                          <li key={index}>
                            <code>{failure.input}</code>: {failure.error}
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
