// Who may give which role to whom. Pure rules, shared by the members, invitations and API key
// services, so that every path into a role obeys the same policy.
import { roleAtLeast, type TeamRole } from '@captionary/shared';
import { AppError } from '../errors';

/** True when someone with `actorRole` may grant or take away `role`. */
export function canManageRole(actorRole: TeamRole, role: TeamRole): boolean {
  if (actorRole === 'OWNER') return true;
  // Admins manage everyone below the owners, other admins included; owners are owners' business.
  if (actorRole === 'ADMIN') return role !== 'OWNER';
  return false;
}

interface MemberRef {
  userId: string;
  role: TeamRole;
}

function assertManager(actorRole: TeamRole): void {
  if (!roleAtLeast(actorRole, 'ADMIN')) {
    throw new AppError('FORBIDDEN', 'Only admins and owners can manage members');
  }
}

/** Throws unless `actor` may change `target`'s role to `newRole`. */
export function assertCanChangeRole(
  actor: MemberRef,
  target: MemberRef,
  newRole: TeamRole,
  ownerCount: number,
): void {
  assertManager(actor.role);
  if (actor.userId === target.userId) {
    throw new AppError('FORBIDDEN', 'You cannot change your own role');
  }
  if (!canManageRole(actor.role, target.role) || !canManageRole(actor.role, newRole)) {
    throw new AppError('FORBIDDEN', 'Only an owner can grant or remove the owner role');
  }
  if (target.role === 'OWNER' && newRole !== 'OWNER' && ownerCount <= 1) {
    throw new AppError('CONFLICT', 'A team needs at least one owner');
  }
}

/** Throws unless `actor` may remove `target` from the team. */
export function assertCanRemoveMember(
  actor: MemberRef,
  target: MemberRef,
  ownerCount: number,
): void {
  assertManager(actor.role);
  if (actor.userId === target.userId) {
    throw new AppError('FORBIDDEN', 'You cannot remove yourself from the team');
  }
  if (!canManageRole(actor.role, target.role)) {
    throw new AppError('FORBIDDEN', 'Only an owner can remove an owner');
  }
  if (target.role === 'OWNER' && ownerCount <= 1) {
    throw new AppError('CONFLICT', 'A team needs at least one owner');
  }
}

/** Throws unless someone with `actorRole` may invite a person with `role`. */
export function assertCanInvite(actorRole: TeamRole, role: TeamRole): void {
  if (!roleAtLeast(actorRole, 'ADMIN')) {
    throw new AppError('FORBIDDEN', 'Only admins and owners can invite people');
  }
  if (!canManageRole(actorRole, role)) {
    throw new AppError('FORBIDDEN', 'Only an owner can invite another owner');
  }
}

/** Throws unless someone with `actorRole` may create an API key acting as `keyRole`. */
export function assertCanCreateApiKey(actorRole: TeamRole, keyRole: TeamRole): void {
  if (!roleAtLeast(actorRole, 'ADMIN')) {
    throw new AppError('FORBIDDEN', 'Only admins and owners can create API keys');
  }
  if (!roleAtLeast(actorRole, keyRole)) {
    throw new AppError('FORBIDDEN', 'A key cannot have a higher role than its creator');
  }
}
