// Helpers for integration tests: real database rows with unique emails, and tRPC callers acting
// as a given user. Tests create their own data and never depend on the demo seed.
import { createDb, hashPassword, type Db } from '@captionary/db';
import type { TeamRole } from '@captionary/shared';
import { randomUUID } from 'node:crypto';
import { createCaller } from '../root';
import type { TrpcContext } from '../trpc';

/** The test database (DATABASE_URL, set by scripts/with-services.ts). */
export function testDb(): Db {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Integration tests need DATABASE_URL (run: npm run test:integration)');
  return createDb(url, { max: 4 });
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

// One hash for every fixture user: argon2 is slow by design, and tests create many users.
let sharedHash: Promise<string> | undefined;
export const FIXTURE_PASSWORD = 'correct horse battery staple';

/** A user with a unique email and the fixture password. */
export async function createTestUser(db: Db, label = 'user'): Promise<TestUser> {
  sharedHash ??= hashPassword(FIXTURE_PASSWORD);
  const email = `${label}-${randomUUID()}@test.captionary.dev`;
  const name = `Test ${label}`;
  const user = await db.user.create({
    data: { email, name, passwordHash: await sharedHash },
    select: { id: true },
  });
  return { id: user.id, email, name, password: FIXTURE_PASSWORD };
}

/** A team with one member per requested role; returns them by role. */
export async function createTestTeam(
  db: Db,
  roles: TeamRole[] = ['OWNER', 'ADMIN', 'REVIEWER', 'LABELER'],
): Promise<{ teamId: string; members: Record<TeamRole, TestUser & { membershipId: string }> }> {
  const team = await db.team.create({
    data: { name: 'Test team', slug: `test-${randomUUID()}` },
    select: { id: true },
  });
  const members = {} as Record<TeamRole, TestUser & { membershipId: string }>;
  for (const role of roles) {
    const user = await createTestUser(db, role.toLowerCase());
    const membership = await db.membership.create({
      data: { teamId: team.id, userId: user.id, role },
      select: { id: true },
    });
    members[role] = { ...user, membershipId: membership.id };
  }
  return { teamId: team.id, members };
}

/**
 * A tRPC caller acting as `user` (or anonymous), with `teamId` as the active-team cookie.
 * Team ids the procedures make active are pushed onto `cookiesSet`.
 */
export function callerFor(
  db: Db,
  user: TestUser | null,
  teamId: string | null = null,
  cookiesSet: string[] = [],
): ReturnType<typeof createCaller> {
  const context: TrpcContext = {
    db,
    user: user ? { id: user.id, email: user.email, name: user.name } : null,
    requestedTeamId: teamId,
    setActiveTeam: (id) => cookiesSet.push(id),
  };
  return createCaller(context);
}
