import type { LabelStatus } from '@captionary/db';

const STATUSES: { status: LabelStatus; label: string }[] = [
  { status: 'APPROVED', label: 'Approved' },
  { status: 'SUBMITTED', label: 'In review' },
  { status: 'DRAFT', label: 'Draft' },
  { status: 'REJECTED', label: 'Rejected' },
];

/** A stacked bar of labels by status, with the numbers spelled out beside it. */
export function LabelStatusBar({
  dataRows,
  labels,
}: {
  dataRows: number;
  labels: Record<LabelStatus, number>;
}) {
  const labelled = STATUSES.reduce((sum, { status }) => sum + labels[status], 0);
  const total = Math.max(dataRows, labelled, 1);
  return (
    <div className="status-bar">
      <div
        className="status-bar__track"
        role="img"
        aria-label={`${labelled} of ${dataRows} rows labelled, ${labels.APPROVED} approved`}
      >
        {STATUSES.map(({ status }) =>
          labels[status] > 0 ? (
            <span
              key={status}
              className={`status-bar__segment status--${status.toLowerCase()}`}
              style={{ width: `${(labels[status] / total) * 100}%` }}
            />
          ) : null,
        )}
      </div>
      <ul className="status-bar__legend">
        <li>
          <span className="badge">{dataRows}</span> rows
        </li>
        {STATUSES.map(({ status, label }) => (
          <li key={status}>
            <span className={`dot status--${status.toLowerCase()}`} aria-hidden="true" />
            {label} {labels[status]}
          </li>
        ))}
      </ul>
    </div>
  );
}
