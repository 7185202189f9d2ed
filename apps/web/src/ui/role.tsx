import { ROLES, type TeamRole } from '@captionary/shared';
import { useId } from 'react';

export const ROLE_LABELS: Record<TeamRole, string> = {
  OWNER: 'Owner',
  ADMIN: 'Admin',
  REVIEWER: 'Reviewer',
  LABELER: 'Labeler',
};

/** Roles highest first, for selects. */
export const ROLES_HIGHEST_FIRST = [...ROLES].reverse();

export function RoleBadge({ role }: { role: TeamRole }) {
  return (
    <span className={`badge badge--role badge--${role.toLowerCase()}`}>{ROLE_LABELS[role]}</span>
  );
}

/** A form's "Role" select (field name `role`), offering `roles` and starting on Labeler. */
export function RoleField({ roles }: { roles: readonly TeamRole[] }) {
  const selectId = useId();
  return (
    <div className="field">
      <label htmlFor={selectId}>Role</label>
      <select id={selectId} name="role" defaultValue="LABELER">
        {roles.map((role) => (
          <option key={role} value={role}>
            {ROLE_LABELS[role]}
          </option>
        ))}
      </select>
    </div>
  );
}
