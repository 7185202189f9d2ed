// The authorization matrix of the tRPC router: every procedure, called as nobody, as another
// team's owner with team A's ids (also after pointing the team cookie at team A), as every role
// of team A below the one it needs, and as the role it needs. Refusals leave no trace.
import { ROLES, roleAtLeast, type TeamRole } from '@captionary/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../src/server/root';
import { callerFor, type TestUser } from '../../src/server/testing/fixtures';
import {
  attempt,
  describeOutcome,
  expectRefused,
  leakedIds,
  openHarness,
  REFUSAL_CODES,
  type Harness,
} from './authorization-harness';
import { PROCEDURE_POLICIES, type ProcedurePolicy } from './procedure-policies';

// Typed as the nested router record, but at run time the flat map of every procedure by its
// dotted path ("teams.list"): exactly the list this matrix must cover.
const routerProcedures = appRouter._def.procedures as unknown as Record<string, unknown>;
const procedurePaths = Object.keys(routerProcedures).sort();

let harness: Harness;
beforeAll(async () => {
  harness = await openHarness();
});
afterAll(async () => {
  await harness.close();
});

/** Calls `path` as `user` with `teamId` in the team cookie. */
function callAs(user: TestUser | null, teamId: string | null, path: string, input: unknown) {
  let target: unknown = callerFor(harness.db, user, teamId);
  for (const segment of path.split('.')) target = (target as Record<string, unknown>)[segment];
  return attempt(() => (target as (input: unknown) => Promise<unknown>)(input));
}

async function checkForeignTeam(path: string, policy: ProcedurePolicy, input: unknown) {
  const { a, b, dual } = harness.world;
  const outsiders: [string, TestUser, string][] = [
    ["team B's owner", b.owner, b.teamId],
    ["team B's owner with team A's id in the team cookie", b.owner, a.teamId],
  ];
  if (policy.foreign === 'own-team-only') {
    for (const [who, user, cookie] of outsiders) {
      const outcome = await callAs(user, cookie, path, input);
      expect(outcome.ok, `${path} as ${who}: ${describeOutcome(outcome)}`).toBe(true);
      const leaked = outcome.ok ? leakedIds(outcome.value, a.allIds) : [];
      expect(leaked, `${path} as ${who} shows team A's ids`).toEqual([]);
    }
    return;
  }
  if (policy.foreign === 'not-applicable') return;
  // A member of both teams acting in team B reaches team A's objects only by switching to A.
  if (policy.access.kind === 'team')
    outsiders.push(['a member of both acting in B', dual, b.teamId]);
  for (const [who, user, cookie] of outsiders) {
    await expectRefused(harness, `${path} as ${who}`, policy.foreign, () =>
      callAs(user, cookie, path, input),
    );
  }
}

describe('tRPC authorization matrix', () => {
  it('has one policy for every procedure of the router, and none for a procedure it lacks', () => {
    const declared = Object.keys(PROCEDURE_POLICIES).sort();
    expect(
      procedurePaths.filter((path) => !declared.includes(path)),
      'procedures without a policy in procedure-policies.ts',
    ).toEqual([]);
    expect(
      declared.filter((path) => !procedurePaths.includes(path)),
      'policies naming no procedure of the router',
    ).toEqual([]);
  });

  it.each(procedurePaths)('%s lets in exactly who its policy names', async (path) => {
    const policy = PROCEDURE_POLICIES[path];
    expect(policy, `${path} has no entry in procedure-policies.ts`).toBeDefined();
    if (!policy) return;
    const { world } = harness;
    const { a } = world;
    const input = policy.input(world);

    if (policy.access.kind !== 'public') {
      await expectRefused(harness, `${path} anonymously`, 'UNAUTHORIZED', () =>
        callAs(null, a.teamId, path, input),
      );
    }
    if (policy.access.kind === 'team') {
      await expectRefused(harness, `${path} as a user of no team`, 'FORBIDDEN', () =>
        callAs(world.teamless, a.teamId, path, input),
      );
    }
    await checkForeignTeam(path, policy, input);

    let allowed: TestUser | null;
    if (policy.access.kind === 'team') {
      const required: TeamRole = policy.access.role;
      for (const role of ROLES.filter((candidate) => !roleAtLeast(candidate, required))) {
        await expectRefused(harness, `${path} as team A's ${role}`, 'FORBIDDEN', () =>
          callAs(a.members[role], a.teamId, path, input),
        );
      }
      allowed = policy.allowedAs?.(world) ?? a.members[required];
    } else if (policy.access.kind === 'signed-in') {
      allowed = policy.allowedAs?.(world) ?? a.members.OWNER;
    } else {
      allowed = policy.allowedAs?.(world) ?? null;
    }

    // The caller the policy names gets in: whatever else may go wrong, it is not a refusal.
    const outcome = await callAs(allowed, a.teamId, path, input);
    const code = outcome.ok ? 'OK' : outcome.code;
    expect(
      [...REFUSAL_CODES, 'INTERNAL_SERVER_ERROR'],
      `${path} as ${allowed?.name ?? 'anyone'}: ${describeOutcome(outcome)}`,
    ).not.toContain(code);
  });
});
