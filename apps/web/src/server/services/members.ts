import type { Db } from '@captionary/db';
import type { TeamRole } from '@captionary/shared';
import { notFound } from '../errors';
import { assertCanChangeRole, assertCanRemoveMember } from '../policy/roles';
import type { DbClient, TeamActor } from './actor';
import { recordAudit } from './audit';
import { forgetRecentApiKeys } from './recent-api-keys';

export interface TeamMember {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: TeamRole;
  joinedAt: Date;
}

/** The members of a team, owners first. */
export async function listMembers(db: Db, teamId: string): Promise<TeamMember[]> {
  const memberships = await db.membership.findMany({
    where: { teamId },
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true } },
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const rank = (role: TeamRole) => ['OWNER', 'ADMIN', 'REVIEWER', 'LABELER'].indexOf(role);
  return memberships
    .map((m) => ({
      membershipId: m.id,
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      joinedAt: m.createdAt,
    }))
    .sort((a, b) => rank(a.role) - rank(b.role));
}

/**
 * Serialises membership changes of one team, so that two owners demoting each other at the
 * same moment cannot leave the team without an owner.
 */
async function lockTeam(tx: DbClient, teamId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${teamId}::uuid FOR UPDATE`;
}

async function loadTargetAndOwnerCount(tx: DbClient, teamId: string, membershipId: string) {
  const target = await tx.membership.findFirst({
    where: { id: membershipId, teamId },
    select: { id: true, userId: true, role: true },
  });
  if (!target) throw notFound('Member');
  const ownerCount = await tx.membership.count({ where: { teamId, role: 'OWNER' } });
  return { target, ownerCount };
}

/** Changes a member's role, following the rules in policy/roles.ts. */
export async function changeMemberRole(
  db: Db,
  actor: TeamActor & { userId: string },
  membershipId: string,
  role: TeamRole,
): Promise<TeamMember> {
  await db.$transaction(async (tx) => {
    await lockTeam(tx, actor.teamId);
    const { target, ownerCount } = await loadTargetAndOwnerCount(tx, actor.teamId, membershipId);
    assertCanChangeRole(actor, target, role, ownerCount);
    if (target.role === role) return;
    await tx.membership.update({ where: { id: target.id }, data: { role } });
    await recordAudit(tx, actor, {
      action: 'member.role_changed',
      targetType: 'membership',
      targetId: target.id,
      metadata: { userId: target.userId, from: target.role, to: role },
    });
  });
  forgetRecentApiKeys();
  const member = (await listMembers(db, actor.teamId)).find((m) => m.membershipId === membershipId);
  if (!member) throw notFound('Member');
  return member;
}

/** Removes a member from the team, following the rules in policy/roles.ts. */
export async function removeMember(
  db: Db,
  actor: TeamActor & { userId: string },
  membershipId: string,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockTeam(tx, actor.teamId);
    const { target, ownerCount } = await loadTargetAndOwnerCount(tx, actor.teamId, membershipId);
    assertCanRemoveMember(actor, target, ownerCount);
    await tx.membership.delete({ where: { id: target.id } });
    await recordAudit(tx, actor, {
      action: 'member.removed',
      targetType: 'membership',
      targetId: target.id,
      metadata: { userId: target.userId, role: target.role },
    });
  });
  forgetRecentApiKeys();
}
