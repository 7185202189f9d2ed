'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SyncConnectionView } from '../../../../../../server/services/sync/sync-runs';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';
import { SyncPrefixForm } from './sync-prefix-form';
import { SyncRunCounts } from './sync-run-counts';

/** How often the page re-reads a run while one is queued or running. */
const POLL_MS = 1_000;

const KIND_LABELS: Record<SyncConnectionView['kind'], string> = {
  UPLOAD: 'Upload',
  URL_LIST: 'URL list',
  SERVER_FOLDER: 'Server folder',
  S3: 'S3 bucket',
};

const isActive = (status: string | undefined) => status === 'QUEUED' || status === 'RUNNING';

export function SyncPage({ projectId, canManage }: { projectId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const runs = useQuery(
    trpc.sync.runs.queryOptions(
      { projectId, limit: 20 },
      {
        refetchInterval: (query) =>
          query.state.data?.some((run) => isActive(run.status)) ? POLL_MS : false,
      },
    ),
  );
  const anyActive = runs.data?.some((run) => isActive(run.status)) ?? false;
  const connections = useQuery(
    trpc.sync.connections.queryOptions(
      { projectId },
      { refetchInterval: anyActive ? POLL_MS : false },
    ),
  );
  const start = useMutation(
    trpc.sync.start.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.sync.pathFilter()),
    }),
  );
  const [fullCheck, setFullCheck] = useState(false);
  const names = new Map(connections.data?.map((connection) => [connection.id, connection.name]));

  return (
    <div className="stack">
      <div className="page-title">
        <div>
          <p className="eyebrow">Sync</p>
          <h1>Sync captions to the source</h1>
        </div>
      </div>
      <p className="muted">
        A sync writes each approved caption next to its image as <code>&lt;image&gt;.txt</code> (for
        buckets, under the sync prefix) and a <code>captions.jsonl</code> manifest, and removes the
        caption files of images that vanished or are no longer approved. It only looks at captions
        changed since the last clean run and leaves files that already hold the right text
        untouched, so running it again is cheap and safe.
      </p>

      <section className="panel" aria-labelledby="sync-connections-heading">
        <h2 id="sync-connections-heading">Connections</h2>
        <FormError message={errorMessage(connections.error ?? start.error)} />
        {connections.isPending ? <p className="muted">Loading…</p> : null}
        {connections.data && !connections.data.length ? (
          <p className="empty">No data connections yet. Add one on the Data page.</p>
        ) : null}
        {canManage && connections.data?.length ? (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={fullCheck}
              onChange={(event) => setFullCheck(event.target.checked)}
            />
            Re-check every approved caption, not only recent changes
          </label>
        ) : null}
        {connections.data?.length ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Connection</th>
                <th scope="col">Writes to</th>
                <th scope="col">Approved</th>
                <th scope="col">Latest sync</th>
                {canManage ? <th className="table__actions">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {connections.data.map((connection) => (
                <tr key={connection.id}>
                  <td>
                    <strong>{connection.name}</strong>
                    <br />
                    <span className="badge badge--muted">{KIND_LABELS[connection.kind]}</span>
                  </td>
                  <td>
                    {connection.unsyncableReason ? (
                      <span className="muted">{connection.unsyncableReason}</span>
                    ) : (
                      <code>{connection.destination ?? '—'}</code>
                    )}
                    {canManage && connection.kind === 'S3' ? (
                      <SyncPrefixForm connectionId={connection.id} />
                    ) : null}
                  </td>
                  <td>{connection.approvedCount}</td>
                  <td>
                    {connection.latestRun ? (
                      <SyncRunCounts run={connection.latestRun} />
                    ) : (
                      <span className="muted">Never</span>
                    )}
                  </td>
                  {canManage ? (
                    <td className="table__actions">
                      {connection.unsyncableReason ? null : (
                        <button
                          type="button"
                          className="button button--small"
                          disabled={isActive(connection.latestRun?.status) || start.isPending}
                          onClick={() =>
                            start.mutate({ connectionId: connection.id, full: fullCheck })
                          }
                        >
                          {isActive(connection.latestRun?.status) ? 'Syncing…' : 'Sync now'}
                        </button>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="sync-history-heading">
        <h2 id="sync-history-heading">Sync history</h2>
        <FormError message={errorMessage(runs.error)} />
        {runs.data && !runs.data.length ? <p className="empty">No syncs yet.</p> : null}
        {runs.data?.length ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Connection</th>
                <th scope="col">Result</th>
                <th scope="col">Finished</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((run) => (
                <tr key={run.id}>
                  <td>{run.startedAt.toLocaleString()}</td>
                  <td>{names.get(run.connectionId) ?? '—'}</td>
                  <td>
                    <SyncRunCounts run={run} />
                  </td>
                  <td>{run.finishedAt ? run.finishedAt.toLocaleString() : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}
