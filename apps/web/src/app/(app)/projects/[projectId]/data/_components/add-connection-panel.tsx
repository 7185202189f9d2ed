'use client';

import type { CreateDataConnectionRequest } from '@captionary/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../../../../../../trpc/client';
import { fieldError, formLevelError } from '../../../../../../trpc/errors';
import { FormError, TextAreaField, TextField } from '../../../../../../ui/field';
import styles from './data.module.css';

type Kind = CreateDataConnectionRequest['kind'];

const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'UPLOAD', label: 'Upload files' },
  { kind: 'URL_LIST', label: 'URL list' },
  { kind: 'SERVER_FOLDER', label: 'Server folder' },
  { kind: 'S3', label: 'S3 bucket' },
];

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

function requestFrom(projectId: string, kind: Kind, form: FormData): CreateDataConnectionRequest {
  const name = text(form, 'name');
  switch (kind) {
    case 'UPLOAD':
      return { projectId, kind, name };
    case 'URL_LIST':
      return { projectId, kind, name, listText: text(form, 'listText') };
    case 'SERVER_FOLDER':
      return { projectId, kind, name, path: text(form, 'path') };
    case 'S3':
      return {
        projectId,
        kind,
        name,
        endpoint: text(form, 'endpoint'),
        bucket: text(form, 'bucket'),
        prefix: text(form, 'prefix'),
        region: text(form, 'region') || 'us-east-1',
        accessKeyId: text(form, 'accessKeyId'),
        secretAccessKey: text(form, 'secretAccessKey'),
      };
  }
}

export function AddConnectionPanel({
  projectId,
  onUploadConnectionCreated,
}: {
  projectId: string;
  /** Called with a new upload connection, so the page can open its upload area. */
  onUploadConnectionCreated: (connectionId: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const capabilities = useQuery(trpc.dataConnections.capabilities.queryOptions());
  const [kind, setKind] = useState<Kind>('UPLOAD');
  const [listText, setListText] = useState('');
  const create = useMutation(
    trpc.dataConnections.create.mutationOptions({
      onSuccess: ({ connection }) => {
        setListText('');
        if (connection.kind === 'UPLOAD') onUploadConnectionCreated(connection.id);
        return queryClient.invalidateQueries(trpc.dataConnections.pathFilter());
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate(requestFrom(projectId, kind, form), {
      onSuccess: () => (event.target as HTMLFormElement).reset(),
    });
  }

  const error = create.error;
  const folderDisabled = kind === 'SERVER_FOLDER' && capabilities.data?.serverFolders === false;
  const s3Disabled = kind === 'S3' && capabilities.data?.storedCredentials === false;

  return (
    <section className="panel" aria-labelledby="add-heading">
      <h2 id="add-heading">Add a connection</h2>
      <div className={styles.kinds} role="group" aria-label="Kind of connection">
        {KINDS.map((option) => (
          <button
            key={option.kind}
            type="button"
            className="button button--secondary button--small"
            aria-pressed={kind === option.kind}
            onClick={() => {
              setKind(option.kind);
              create.reset();
            }}
          >
            {option.label}
          </button>
        ))}
      </div>
      {folderDisabled ? (
        <p className="form-error">
          Server folder imports are disabled: the operator has not set DATA_ROOT.
        </p>
      ) : null}
      {s3Disabled ? (
        <p className="form-error">
          Buckets need DATA_ENCRYPTION_KEY on the server to store their credentials.
        </p>
      ) : null}
      <form key={kind} className="form" onSubmit={onSubmit} noValidate>
        <fieldset disabled={create.isPending || folderDisabled || s3Disabled}>
          <TextField
            label="Name"
            name="name"
            required
            maxLength={100}
            defaultValue={KINDS.find((option) => option.kind === kind)?.label}
            error={fieldError(error, 'name')}
          />
          {kind === 'URL_LIST' ? (
            <>
              <TextAreaField
                label="URLs"
                name="listText"
                rows={8}
                value={listText}
                onChange={(event) => setListText(event.target.value)}
                hint="One http(s) URL per line, or CSV with a url column and an optional external_id column."
                error={fieldError(error, 'listText')}
              />
              <label className="field">
                <span>…or load a .txt / .csv file</span>
                <input
                  type="file"
                  accept=".txt,.csv,text/plain,text/csv"
                  onChange={async (event) => {
                    const file = event.target.files?.[0];
                    if (file) setListText(await file.text());
                  }}
                />
              </label>
            </>
          ) : null}
          {kind === 'SERVER_FOLDER' ? (
            <TextField
              label="Folder"
              name="path"
              placeholder="datasets/street-scenes"
              hint="A path relative to the server's data root; sub-folders are included."
              error={fieldError(error, 'path')}
            />
          ) : null}
          {kind === 'S3' ? (
            <>
              <TextField
                label="Endpoint"
                name="endpoint"
                placeholder="https://s3.example.com (empty for AWS)"
                error={fieldError(error, 'endpoint')}
              />
              <TextField
                label="Bucket"
                name="bucket"
                required
                error={fieldError(error, 'bucket')}
              />
              <TextField
                label="Prefix"
                name="prefix"
                placeholder="images/"
                error={fieldError(error, 'prefix')}
              />
              <TextField
                label="Region"
                name="region"
                defaultValue="us-east-1"
                error={fieldError(error, 'region')}
              />
              <TextField
                label="Access key id"
                name="accessKeyId"
                autoComplete="off"
                required
                error={fieldError(error, 'accessKeyId')}
              />
              <TextField
                label="Secret access key"
                name="secretAccessKey"
                type="password"
                autoComplete="new-password"
                required
                hint="Stored encrypted; it is never shown again."
                error={fieldError(error, 'secretAccessKey')}
              />
            </>
          ) : null}
          <FormError message={formLevelError(error)} />
          <button type="submit" className="button">
            {kind === 'UPLOAD' ? 'Create upload connection' : 'Connect and import'}
          </button>
        </fieldset>
      </form>
      {create.data?.firstRun ? (
        <p role="status" className="success">
          Connected. The import is running; its progress shows above.
        </p>
      ) : create.data ? (
        <p role="status" className="success">
          Created. Drop or choose images in its upload area, under the connections above.
        </p>
      ) : null}
    </section>
  );
}
