import type { Db } from '@captionary/db';
import type { CreateTeamRequest, TeamRole } from '@captionary/shared';
import { randomBytes } from 'node:crypto';
import { recordAudit } from './audit';

/** A team as its member sees it: with their role in it. */
export interface MemberTeam {
  id: string;
  name: string;
  slug: string;
  role: TeamRole;
  membershipId: string;
}

/** The teams a user belongs to, oldest membership first. */
export async function listMyTeams(db: Db, userId: string): Promise<MemberTeam[]> {
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, role: true, team: { select: { id: true, name: true, slug: true } } },
  });
  return memberships.map((m) => ({ ...m.team, role: m.role, membershipId: m.id }));
}

/** The active team: the requested one when the user is a member of it, else their first. */
export function pickActiveTeam(
  teams: MemberTeam[],
  requestedTeamId: string | null | undefined,
): MemberTeam | null {
  return teams.find((team) => team.id === requestedTeamId) ?? teams[0] ?? null;
}

/** Resolves the active team of a request from the team cookie, checked against memberships. */
export async function resolveActiveTeam(
  db: Db,
  userId: string,
  requestedTeamId: string | null | undefined,
): Promise<{ active: MemberTeam | null; teams: MemberTeam[] }> {
  const teams = await listMyTeams(db, userId);
  return { active: pickActiveTeam(teams, requestedTeamId), teams };
}

/** Turns a team name into a URL-friendly slug with a random suffix (slugs are unique). */
export function slugForTeamName(name: string): string {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${base || 'team'}-${randomBytes(3).toString('hex')}`;
}

/** Creates a team; its creator becomes the OWNER. */
export async function createTeam(
  db: Db,
  userId: string,
  input: CreateTeamRequest,
): Promise<MemberTeam> {
  return db.$transaction(async (tx) => {
    const team = await tx.team.create({
      data: {
        name: input.name,
        slug: slugForTeamName(input.name),
        memberships: { create: { userId, role: 'OWNER' } },
      },
      select: { id: true, name: true, slug: true, memberships: { select: { id: true } } },
    });
    await recordAudit(
      tx,
      { teamId: team.id, userId, apiKeyId: null },
      {
        action: 'team.created',
        targetType: 'team',
        targetId: team.id,
        metadata: { name: team.name },
      },
    );
    return {
      id: team.id,
      name: team.name,
      slug: team.slug,
      role: 'OWNER',
      membershipId: team.memberships[0]!.id,
    };
  });
}
