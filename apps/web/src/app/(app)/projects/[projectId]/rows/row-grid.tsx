'use client';

import type { LabelStatus } from '@captionary/db';
import Link from 'next/link';
import { RowThumbnail } from './row-thumbnail';
import styles from './rows.module.css';
import { tileName } from './tile-name';

export interface GridRow {
  id: string;
  externalId: string;
  caption: string | null;
  labelStatus: LabelStatus | null;
  captionByModel: boolean;
  hasPrelabel: boolean;
}

const STATUS_LABELS: Record<LabelStatus, string> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Submitted',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
};

/** Thumbnail tiles with a selection checkbox each; the picture links to the row's detail. */
export function RowGrid({
  projectId,
  rows,
  selected,
  onToggle,
}: {
  projectId: string;
  rows: GridRow[];
  selected: ReadonlySet<string>;
  onToggle: (rowId: string) => void;
}) {
  return (
    <ul className={styles.grid} aria-label="Rows" data-testid="row-grid">
      {rows.map((row) => (
        <li
          key={row.id}
          className={styles.tile}
          data-selected={selected.has(row.id) || undefined}
          data-testid="row-tile"
        >
          <Link href={`/projects/${projectId}/rows/${row.id}`} className={styles.thumbLink}>
            <RowThumbnail rowId={row.id} name={row.externalId} />
          </Link>
          <div className={styles.tileBody}>
            <label className={styles.tileSelect}>
              <input
                type="checkbox"
                checked={selected.has(row.id)}
                onChange={() => onToggle(row.id)}
                aria-label={`Select ${row.externalId}`}
              />
              <span className={styles.tileName} title={row.externalId}>
                {tileName(row.externalId)}
              </span>
            </label>
            <p className={styles.tileCaption} data-testid="row-caption">
              {row.caption ?? <span className="muted">No caption yet</span>}
            </p>
            <div className={styles.tileTags}>
              {row.labelStatus ? (
                <span className={styles.tag} data-status={row.labelStatus}>
                  {STATUS_LABELS[row.labelStatus]}
                </span>
              ) : null}
              {row.hasPrelabel ? (
                <span className={styles.tag}>{row.captionByModel ? 'Pre-label' : 'Edited'}</span>
              ) : null}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
