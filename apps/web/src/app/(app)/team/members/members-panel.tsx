'use client';

import { roleAtLeast, TeamRole } from '@captionary/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../../../trpc/client';
import { errorMessage } from '../../../../trpc/errors';
import { FormError } from '../../../../ui/field';
import { ROLE_LABELS, ROLES_HIGHEST_FIRST, RoleBadge } from '../../../../ui/role';

/** Mirrors the server's rule (policy/roles.ts) to hide controls; the server still decides. */
function canManage(actorRole: TeamRole, role: TeamRole): boolean {
  return actorRole === 'OWNER' || (actorRole === 'ADMIN' && role !== 'OWNER');
}

export function MembersPanel({
  currentUserId,
  actorRole,
}: {
  currentUserId: string;
  actorRole: TeamRole;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.teams.members.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.teams.members.pathFilter());
  const changeRole = useMutation(trpc.teams.changeRole.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.teams.removeMember.mutationOptions({ onSettled: refresh }));
  const isManager = roleAtLeast(actorRole, 'ADMIN');

  return (
    <section className="panel" aria-labelledby="members-heading">
      <h2 id="members-heading">People in this team</h2>
      <FormError message={errorMessage(members.error ?? changeRole.error ?? remove.error)} />
      {members.isPending ? <p className="muted">Loading members…</p> : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            {isManager ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {members.data?.map((member) => {
            const isSelf = member.userId === currentUserId;
            const editable = isManager && !isSelf && canManage(actorRole, member.role);
            return (
              <tr key={member.membershipId}>
                <td>
                  {member.name}
                  {isSelf ? <span className="muted"> (you)</span> : null}
                </td>
                <td>{member.email}</td>
                <td>
                  {editable ? (
                    <select
                      aria-label={`Role of ${member.name}`}
                      value={member.role}
                      disabled={changeRole.isPending}
                      onChange={(event) =>
                        changeRole.mutate({
                          membershipId: member.membershipId,
                          role: TeamRole.parse(event.target.value),
                        })
                      }
                    >
                      {ROLES_HIGHEST_FIRST.filter((role) => canManage(actorRole, role)).map(
                        (role) => (
                          <option key={role} value={role}>
                            {ROLE_LABELS[role]}
                          </option>
                        ),
                      )}
                    </select>
                  ) : (
                    <RoleBadge role={member.role} />
                  )}
                </td>
                {isManager ? (
                  <td className="table__actions">
                    {editable ? (
                      <button
                        type="button"
                        className="button button--danger button--small"
                        disabled={remove.isPending}
                        onClick={() => {
                          if (window.confirm(`Remove ${member.name} from the team?`)) {
                            remove.mutate({ membershipId: member.membershipId });
                          }
                        }}
                      >
                        Remove
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
