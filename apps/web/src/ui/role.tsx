import { ROLES, type TeamRole } from '@captionary/shared';

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
