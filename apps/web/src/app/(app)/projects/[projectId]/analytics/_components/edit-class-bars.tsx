import type { AcceptanceCounts } from '../../../../../../server/services/analytics/acceptance';
import { formatNumber, formatPercent } from './format';
import styles from './analytics.module.css';

export interface EditClassRow {
  key: string;
  label: string;
  counts: AcceptanceCounts;
}

const CLASSES = [
  { key: 'unchanged', label: 'Accepted unchanged', className: styles.unchanged },
  { key: 'light', label: 'Lightly edited', className: styles.light },
  { key: 'rewritten', label: 'Rewritten', className: styles.rewritten },
] as const;

/**
 * One stacked bar per group (model version or person): the shares of pre-labels accepted
 * unchanged, lightly edited and rewritten. Segments differ by pattern as well as colour, and the
 * table below carries the same numbers for screen readers and copying.
 */
export function EditClassBars({ rows, caption }: { rows: EditClassRow[]; caption: string }) {
  if (rows.length === 0) return <p className="empty">No pre-labels have been worked on yet.</p>;
  return (
    <div className="stack">
      <ul className={styles.legend} aria-hidden="true">
        {CLASSES.map((cls) => (
          <li key={cls.key}>
            <span className={`${styles.swatch} ${cls.className}`} /> {cls.label}
          </li>
        ))}
      </ul>
      <div className={styles.stackedChart} aria-hidden="true">
        {rows.map((row) => (
          <div key={row.key} className={styles.stackedRow}>
            <span className={styles.rowLabel}>{row.label}</span>
            <span className={styles.stackedTrack}>
              {CLASSES.map((cls) => {
                const share = row.counts.total ? row.counts[cls.key] / row.counts.total : 0;
                return share > 0 ? (
                  <span
                    key={cls.key}
                    className={`${styles.segment} ${cls.className}`}
                    style={{ width: `${share * 100}%` }}
                    title={`${cls.label}: ${formatPercent(share)}`}
                  >
                    {share >= 0.12 ? formatPercent(share) : ''}
                  </span>
                ) : null;
              })}
            </span>
          </div>
        ))}
      </div>
      <table className="table">
        <caption className={styles.tableCaption}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Pre-labels</th>
            {CLASSES.map((cls) => (
              <th key={cls.key} scope="col">
                {cls.label}
              </th>
            ))}
            <th scope="col">Mean word edit distance</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid="edit-class-row">
              <th scope="row">{row.label}</th>
              <td>{row.counts.total}</td>
              {CLASSES.map((cls) => (
                <td key={cls.key}>
                  {row.counts[cls.key]} (
                  {formatPercent(row.counts.total ? row.counts[cls.key] / row.counts.total : 0)})
                </td>
              ))}
              <td>{formatNumber(row.counts.meanEditDistance)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
