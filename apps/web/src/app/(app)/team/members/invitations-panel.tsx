'use client';

import { TeamRole } from '@captionary/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, type FormEvent } from 'react';
import { useTRPC } from '../../../../trpc/client';
import { errorMessage, fieldError, formLevelError } from '../../../../trpc/errors';
import { OneTimeSecret } from '../../../../ui/copy-button';
import { FormError, TextField } from '../../../../ui/field';
import { ROLES_HIGHEST_FIRST, RoleBadge, RoleField } from '../../../../ui/role';

const STATUS_LABELS = {
  pending: 'Pending',
  accepted: 'Accepted',
  revoked: 'Withdrawn',
  expired: 'Expired',
};

export function InvitationsPanel({ actorRole }: { actorRole: TeamRole }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const invitations = useQuery(trpc.invitations.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.invitations.list.pathFilter());
  const create = useMutation(
    trpc.invitations.create.mutationOptions({
      onSuccess: () => {
        formRef.current?.reset();
        return refresh();
      },
    }),
  );
  const revoke = useMutation(trpc.invitations.revoke.mutationOptions({ onSettled: refresh }));
  const invitableRoles = ROLES_HIGHEST_FIRST.filter(
    (role) => actorRole === 'OWNER' || role !== 'OWNER',
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      email: String(form.get('email') ?? ''),
      role: TeamRole.parse(form.get('role')),
    });
  }

  const inviteLink =
    create.data && typeof window !== 'undefined'
      ? `${window.location.origin}${create.data.path}`
      : null;

  return (
    <section className="panel" aria-labelledby="invites-heading">
      <h2 id="invites-heading">Invites</h2>
      <form ref={formRef} className="form form--inline" onSubmit={onSubmit} noValidate>
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="off"
          required
          error={fieldError(create.error, 'email')}
        />
        <RoleField roles={invitableRoles} />
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create invite link'}
        </button>
        <FormError message={formLevelError(create.error)} />
      </form>
      {inviteLink && create.data ? (
        <OneTimeSecret
          title={`Invite link for ${create.data.invitation.email} (valid 7 days). Send it to them yourself.`}
          value={inviteLink}
          testId="invite-link"
        />
      ) : null}

      <FormError message={errorMessage(invitations.error ?? revoke.error)} />
      {invitations.data?.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Invited by</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.data.map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.email}</td>
                <td>
                  <RoleBadge role={invitation.role} />
                </td>
                <td>
                  <span className={`badge badge--${invitation.status}`}>
                    {STATUS_LABELS[invitation.status]}
                  </span>
                </td>
                <td>{invitation.invitedBy}</td>
                <td>{invitation.expiresAt.toLocaleDateString()}</td>
                <td className="table__actions">
                  {invitation.status === 'pending' ? (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate({ invitationId: invitation.id })}
                    >
                      Withdraw
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : invitations.data ? (
        <p className="empty">No invites yet.</p>
      ) : null}
    </section>
  );
}
