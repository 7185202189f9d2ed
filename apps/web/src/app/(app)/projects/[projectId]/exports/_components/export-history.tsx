'use client';

import { EXPORT_FORMAT_DETAILS } from '@captionary/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';
import {
  EXPORT_STATUS_LABELS,
  describeFilters,
  formatBytes,
  isActiveExportStatus,
} from './export-format';
import styles from './exports.module.css';

const SHORT_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };

function exportFileUrl(exportId: string): string {
  return `/api/exports/${exportId}/file`;
}

/** Rows written out of the snapshot's total; without a total yet, an empty bar. */
function ExportProgress({ rows, total, label }: { rows: number; total: number; label: string }) {
  const percent = total === 0 ? 0 : Math.min(100, Math.floor((rows / total) * 100));
  return (
    <div className={styles.progress}>
      <div
        className={styles.track}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% (${rows} of ${total} rows)`}
      >
        <span className={styles.fill} style={{ width: `${percent}%` }} />
      </div>
      <span className={styles.percent}>{percent}%</span>
    </div>
  );
}

/**
 * The project's exports, newest first; polls while one runs. When `awaitedExportId` (started on
 * this page) is ready, its file is downloaded once.
 */
export function ExportHistory({
  projectId,
  awaitedExportId,
  onAwaitedSettled,
}: {
  projectId: string;
  awaitedExportId: string | null;
  onAwaitedSettled: () => void;
}) {
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.exports.list.infiniteQueryOptions(
      { projectId, limit: 20 },
      {
        getNextPageParam: (page) => page.nextCursor,
        refetchInterval: (query) =>
          query.state.data?.pages.some((p) => p.exports.some((e) => isActiveExportStatus(e.status)))
            ? 1_000
            : false,
      },
    ),
  );
  const all = history.data?.pages.flatMap((page) => page.exports) ?? [];
  const awaited = all.find((entry) => entry.id === awaitedExportId);
  useEffect(() => {
    if (!awaited || isActiveExportStatus(awaited.status)) return;
    onAwaitedSettled();
    // An attachment response downloads without leaving the page.
    if (awaited.downloadable) window.location.assign(exportFileUrl(awaited.id));
  }, [awaited, onAwaitedSettled]);

  if (history.isPending) return <p className="muted">Loading exports…</p>;
  if (history.error) return <FormError message={errorMessage(history.error)} />;
  if (all.length === 0) {
    return (
      <p className="empty" data-testid="export-history-empty">
        No exports yet.
      </p>
    );
  }
  return (
    <>
      <ul className={styles.list} aria-label="Exports" data-testid="export-history">
        {all.map((entry) => (
          <li key={entry.id} className={styles.item} data-export-id={entry.id}>
            <div>
              <strong>{EXPORT_FORMAT_DETAILS[entry.format].label}</strong>
              <div className="muted">
                {entry.createdAt.toLocaleString(undefined, {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                })}{' '}
                · {entry.createdBy?.name ?? (entry.apiKey ? `API key ${entry.apiKey.name}` : '—')}
              </div>
              <div className="muted">{describeFilters(entry.filters)}</div>
            </div>
            {isActiveExportStatus(entry.status) ? (
              <ExportProgress
                rows={entry.progress?.rows ?? entry.rowCount}
                total={entry.progress?.total ?? 0}
                label={`Progress of export ${entry.id}`}
              />
            ) : (
              <div className="muted">
                {entry.rowCount.toLocaleString()} rows · {formatBytes(entry.byteSize)}
                {entry.error ? ` · ${entry.error}` : ''}
              </div>
            )}
            <div>
              {entry.downloadable ? (
                <>
                  <a className="button button--secondary" href={exportFileUrl(entry.id)} download>
                    Download
                  </a>
                  {entry.expiresAt ? (
                    <div className="muted">
                      Kept until {entry.expiresAt.toLocaleDateString(undefined, SHORT_DATE)}
                    </div>
                  ) : null}
                </>
              ) : entry.expiredAt ? (
                <span
                  className={styles.status}
                  data-status="EXPIRED"
                  title={`The file was deleted on ${entry.expiredAt.toLocaleDateString(undefined, SHORT_DATE)}; start a new export to get the data again.`}
                >
                  Expired
                </span>
              ) : (
                <span className={styles.status} data-status={entry.status}>
                  {EXPORT_STATUS_LABELS[entry.status]}
                </span>
              )}
            </div>
          </li>
        ))}
      </ul>
      {history.hasNextPage ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => history.fetchNextPage()}
          disabled={history.isFetchingNextPage}
        >
          {history.isFetchingNextPage ? 'Loading…' : 'Show older exports'}
        </button>
      ) : null}
    </>
  );
}
