'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DataConnectionSummary } from '../../../../../../server/services/imports/import-summaries';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';
import styles from './data.module.css';
import { ImportRunProgress } from './import-run-progress';
import { UploadDropzone } from './upload-dropzone';

const KIND_LABELS: Record<DataConnectionSummary['kind'], string> = {
  UPLOAD: 'Upload',
  URL_LIST: 'URL list',
  SERVER_FOLDER: 'Server folder',
  S3: 'S3 bucket',
};

const UPLOAD_AREA_ID = 'upload-area';

function describeSource(connection: DataConnectionSummary): string {
  const settings = connection.settings;
  if (!settings) return '—';
  switch (settings.kind) {
    case 'UPLOAD':
      return settings.origin === 'api' ? 'Files sent through the API' : 'Files uploaded here';
    case 'URL_LIST':
      return settings.origin === 'api'
        ? 'URLs sent through the API'
        : `${settings.entryCount} URLs`;
    case 'SERVER_FOLDER':
      return `DATA_ROOT/${settings.path}`;
    case 'S3':
      return `s3://${settings.bucket}/${settings.prefix}${settings.endpoint ? ` at ${settings.endpoint}` : ''}`;
  }
}

export function ConnectionsTable({
  projectId,
  connections,
  canManage,
  uploadTo,
  onUploadToChange,
}: {
  projectId: string;
  connections: DataConnectionSummary[];
  canManage: boolean;
  /** The upload connection whose upload area is open. */
  uploadTo: string | null;
  onUploadToChange: (connectionId: string | null) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.dataConnections.pathFilter());
  const startImport = useMutation(
    trpc.dataConnections.startImport.mutationOptions({ onSuccess: refresh }),
  );
  const resync = useMutation(trpc.dataConnections.resync.mutationOptions({ onSuccess: refresh }));

  if (!connections.length) {
    return <p className="empty">No data yet. {canManage ? 'Add a connection below.' : ''}</p>;
  }
  const uploadConnection = connections.find((connection) => connection.id === uploadTo);
  const busy = (connection: DataConnectionSummary) =>
    connection.latestRun?.status === 'QUEUED' || connection.latestRun?.status === 'RUNNING';

  return (
    <>
      <FormError message={errorMessage(startImport.error ?? resync.error)} />
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Source</th>
            <th>Rows</th>
            <th>Latest import</th>
            {canManage ? <th className="table__actions">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {connections.map((connection) => (
            <tr key={connection.id}>
              <td>
                <strong>{connection.name}</strong>
                <br />
                <span className="badge badge--muted">{KIND_LABELS[connection.kind]}</span>
              </td>
              <td>
                <code>{describeSource(connection)}</code>
              </td>
              <td>{connection.rowCount}</td>
              <td>
                {connection.latestRun ? (
                  <ImportRunProgress run={connection.latestRun} />
                ) : (
                  <span className="muted">Never</span>
                )}
              </td>
              {canManage ? (
                <td>
                  <div className={styles.actions}>
                    {connection.kind === 'UPLOAD' &&
                    connection.settings?.kind === 'UPLOAD' &&
                    connection.settings.origin === 'ui' ? (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-expanded={uploadTo === connection.id}
                        aria-controls={uploadTo === connection.id ? UPLOAD_AREA_ID : undefined}
                        onClick={() =>
                          onUploadToChange(uploadTo === connection.id ? null : connection.id)
                        }
                      >
                        Upload files
                      </button>
                    ) : null}
                    {connection.resyncable ? (
                      <>
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          disabled={busy(connection) || startImport.isPending}
                          onClick={() => startImport.mutate({ connectionId: connection.id })}
                        >
                          Import new
                        </button>
                        <button
                          type="button"
                          className="button button--small"
                          disabled={busy(connection) || resync.isPending}
                          onClick={() => resync.mutate({ connectionId: connection.id })}
                        >
                          Re-sync
                        </button>
                      </>
                    ) : null}
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {uploadConnection ? (
        <UploadDropzone
          key={uploadConnection.id}
          id={UPLOAD_AREA_ID}
          projectId={projectId}
          connectionId={uploadConnection.id}
          connectionName={uploadConnection.name}
          onFinished={refresh}
        />
      ) : null}
    </>
  );
}
