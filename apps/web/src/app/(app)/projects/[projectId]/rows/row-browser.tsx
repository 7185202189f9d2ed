'use client';

import type { RowFilter } from '@captionary/shared';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../../../trpc/client';
import { errorMessage } from '../../../../../trpc/errors';
import { FormError } from '../../../../../ui/field';
import { LaunchJobForm } from '../jobs/_components/launch-job-form';
import { RowFilters } from './row-filters';
import { RowGrid } from './row-grid';
import styles from './rows.module.css';

const PAGE_SIZE = 48;

/** The dataset browser: filters, a thumbnail grid loaded page by page, selection and launch. */
export function RowBrowser({
  projectId,
  initialFilter,
  canLaunch,
}: {
  projectId: string;
  initialFilter: RowFilter;
  canLaunch: boolean;
}) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<RowFilter>(initialFilter);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [launching, setLaunching] = useState(false);
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const count = useQuery(trpc.dataRows.count.queryOptions({ projectId, filter }));
  const pages = useInfiniteQuery(
    trpc.dataRows.browse.infiniteQueryOptions(
      { projectId, filter, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const rows = pages.data?.pages.flatMap((page) => page.rows) ?? [];
  const filtered = Object.values(filter).some((value) => value !== undefined);

  function toggle(rowId: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(rowId)) next.delete(rowId);
      else next.add(rowId);
      return next;
    });
  }

  return (
    <div className="stack">
      <div className="page-title">
        <div>
          <p className="eyebrow">{project.data?.name ?? 'Project'}</p>
          <h1>Rows</h1>
        </div>
        {canLaunch ? (
          <button
            type="button"
            className="button"
            aria-expanded={launching}
            aria-controls="launch-panel"
            onClick={() => setLaunching((open) => !open)}
          >
            {launching ? 'Close' : 'Caption rows…'}
          </button>
        ) : null}
      </div>

      {canLaunch && launching ? (
        <section id="launch-panel" className="panel" aria-labelledby="launch-heading">
          <h2 id="launch-heading">New caption job</h2>
          <LaunchJobForm
            projectId={projectId}
            filter={filtered ? filter : undefined}
            selectedRowIds={[...selected]}
          />
        </section>
      ) : null}

      <section className="panel" aria-label="Filters">
        <RowFilters
          projectId={projectId}
          filter={filter}
          onChange={(next) => {
            setFilter(next);
            setSelected(new Set());
          }}
        />
      </section>

      <div className={styles.toolbar}>
        <p role="status" className="muted" data-testid="row-count">
          {count.data ? `${count.data.count.toLocaleString()} rows` : 'Counting rows…'}
          {selected.size > 0 ? ` · ${selected.size} selected` : ''}
        </p>
        <div className={styles.toolbarActions}>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setSelected(new Set(rows.map((row) => row.id)))}
            disabled={rows.length === 0}
          >
            Select shown
          </button>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setSelected(new Set())}
            disabled={selected.size === 0}
          >
            Clear selection
          </button>
        </div>
      </div>

      <FormError message={errorMessage(pages.error) ?? errorMessage(count.error)} />
      {pages.isPending ? <p className="muted">Loading rows…</p> : null}
      {!pages.isPending && rows.length === 0 ? (
        <p className="empty">
          {filtered
            ? 'No rows match these filters.'
            : 'No rows yet: import images on the Data page.'}
        </p>
      ) : null}
      <RowGrid projectId={projectId} rows={rows} selected={selected} onToggle={toggle} />
      {pages.hasNextPage ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => pages.fetchNextPage()}
          disabled={pages.isFetchingNextPage}
        >
          {pages.isFetchingNextPage ? 'Loading…' : 'Load more rows'}
        </button>
      ) : null}
    </div>
  );
}
