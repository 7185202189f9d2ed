'use client';

import { roleAtLeast, TeamRole } from '@captionary/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, type FormEvent } from 'react';
import { useTRPC } from '../../../../trpc/client';
import { errorMessage, fieldError, formLevelError } from '../../../../trpc/errors';
import { OneTimeSecret } from '../../../../ui/copy-button';
import { FormError, TextField } from '../../../../ui/field';
import { ROLES_HIGHEST_FIRST, RoleBadge, RoleField } from '../../../../ui/role';

function formatTime(date: Date | null): string {
  return date ? date.toLocaleString() : 'Never';
}

export function ApiKeysPanel({ actorRole }: { actorRole: TeamRole }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.apiKeys.list.pathFilter());
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: () => {
        formRef.current?.reset();
        return refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSettled: refresh }));
  const grantableRoles = ROLES_HIGHEST_FIRST.filter((role) => roleAtLeast(actorRole, role));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ name: String(form.get('name') ?? ''), role: TeamRole.parse(form.get('role')) });
  }

  return (
    <>
      <section className="panel" aria-labelledby="new-key-heading">
        <h2 id="new-key-heading">New key</h2>
        <p className="muted">
          Keys let scripts use the REST API (<code>Authorization: Bearer cap_…</code>) as this team,
          with the role you choose.
        </p>
        <form ref={formRef} className="form form--inline" onSubmit={onSubmit} noValidate>
          <TextField
            label="Name"
            name="name"
            required
            maxLength={80}
            error={fieldError(create.error, 'name')}
          />
          <RoleField roles={grantableRoles} />
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create key'}
          </button>
          <FormError message={formLevelError(create.error)} />
        </form>
        {create.data ? (
          <OneTimeSecret
            title={`Key "${create.data.apiKey.name}"`}
            value={create.data.key}
            testId="api-key"
          />
        ) : null}
      </section>

      <section className="panel" aria-labelledby="keys-heading">
        <h2 id="keys-heading">Keys</h2>
        <FormError message={errorMessage(keys.error ?? revoke.error)} />
        {keys.data?.length ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Role</th>
                <th scope="col">Last used</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => (
                <tr key={key.id} className={key.revokedAt ? 'table__row--muted' : undefined}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>
                    <RoleBadge role={key.role} />
                  </td>
                  <td>{formatTime(key.lastUsedAt)}</td>
                  <td>
                    {key.createdAt.toLocaleDateString()}
                    {key.createdBy ? <span className="muted"> by {key.createdBy}</span> : null}
                  </td>
                  <td className="table__actions">
                    {key.revokedAt ? (
                      <span className="badge badge--revoked">Revoked</span>
                    ) : (
                      <button
                        type="button"
                        className="button button--danger button--small"
                        disabled={revoke.isPending}
                        onClick={() => {
                          if (
                            window.confirm(
                              `Revoke "${key.name}"? Clients using it stop working at once.`,
                            )
                          ) {
                            revoke.mutate({ apiKeyId: key.id });
                          }
                        }}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : keys.data ? (
          <p className="empty">No keys yet.</p>
        ) : null}
      </section>
    </>
  );
}
