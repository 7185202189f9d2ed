'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';
import { AddConnectionPanel } from './add-connection-panel';
import { ConnectionsTable } from './connections-table';
import { ImportRunsPanel } from './import-runs-panel';

/** How often the page re-reads progress while an import is running. */
const POLL_MS = 1_000;

export function DataPage({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const runs = useQuery(
    trpc.dataConnections.runs.queryOptions(
      { projectId, limit: 20 },
      {
        refetchInterval: (query) =>
          query.state.data?.some((run) => run.status === 'QUEUED' || run.status === 'RUNNING')
            ? POLL_MS
            : false,
      },
    ),
  );
  const anyActive = runs.data?.some((run) => run.status === 'QUEUED' || run.status === 'RUNNING');
  const connections = useQuery(
    trpc.dataConnections.list.queryOptions(
      { projectId },
      { refetchInterval: anyActive ? POLL_MS : false },
    ),
  );

  return (
    <div className="stack">
      <div className="page-title">
        <div>
          <p className="eyebrow">Data</p>
          <h1>Data connections</h1>
        </div>
      </div>
      <p className="muted">
        Connect where the images live. Imports skip images the project already has (same external id
        or same content), make thumbnails, and list every file they could not import with the
        reason. Re-sync reads the source again and finds new, changed and removed images.
      </p>

      <section className="panel" aria-labelledby="connections-heading">
        <h2 id="connections-heading">Connections</h2>
        {connections.error ? <FormError message={errorMessage(connections.error)} /> : null}
        {connections.isPending ? <p className="muted">Loading…</p> : null}
        {connections.data ? (
          <ConnectionsTable
            projectId={projectId}
            connections={connections.data}
            canManage={canManage}
          />
        ) : null}
      </section>

      {canManage ? <AddConnectionPanel projectId={projectId} /> : null}

      <ImportRunsPanel runs={runs.data} error={runs.error} connections={connections.data ?? []} />
    </div>
  );
}
