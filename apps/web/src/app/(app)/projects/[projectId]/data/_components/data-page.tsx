'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';
import { AddConnectionPanel } from './add-connection-panel';
import { ConnectionsTable } from './connections-table';
import { ImportRunsPanel } from './import-runs-panel';

/** How often the page re-reads progress while an import is running. */
const POLL_MS = 1_000;

const isActive = (run: { status: string } | null | undefined) =>
  run?.status === 'QUEUED' || run?.status === 'RUNNING';

export function DataPage({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const trpc = useTRPC();
  /** The upload connection whose upload area is open. */
  const [uploadTo, setUploadTo] = useState<string | null>(null);
  const runs = useQuery(
    trpc.dataConnections.runs.queryOptions(
      { projectId, limit: 20 },
      { refetchInterval: (query) => (query.state.data?.some(isActive) ? POLL_MS : false) },
    ),
  );
  const anyActive = runs.data?.some(isActive) ?? false;
  // Each list polls until its own copy shows every run finished: the two are read at different
  // moments, so the table must not stop on a stale "Importing" when the history has moved on.
  const connections = useQuery(
    trpc.dataConnections.list.queryOptions(
      { projectId },
      {
        refetchInterval: (query) =>
          anyActive || query.state.data?.some((connection) => isActive(connection.latestRun))
            ? POLL_MS
            : false,
      },
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
            uploadTo={uploadTo}
            onUploadToChange={setUploadTo}
          />
        ) : null}
      </section>

      {canManage ? (
        <AddConnectionPanel
          projectId={projectId}
          onUploadConnectionCreated={(connectionId) => setUploadTo(connectionId)}
        />
      ) : null}

      <ImportRunsPanel runs={runs.data} error={runs.error} connections={connections.data ?? []} />
    </div>
  );
}
