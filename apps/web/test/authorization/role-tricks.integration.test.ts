// Ways members try to gain what their role does not give them: raising their own role, leaving
// a team without an owner, handing out keys or invites above their rank, spending an invite
// twice, choosing a team they are not in, and keeping a session after being disabled.
import type { TeamRole } from '@captionary/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authOptions } from '../../src/server/auth/options';
import { verifyCredentials } from '../../src/server/auth/credentials';
import {
  callerFor,
  createTestTeam,
  createTestUser,
  FIXTURE_PASSWORD,
  type TestUser,
} from '../../src/server/testing/fixtures';
import { attempt, expectRefused, openHarness, type Harness } from './authorization-harness';

let harness: Harness;
beforeAll(async () => {
  harness = await openHarness();
});
afterAll(async () => {
  await harness.close();
});

type Team = Awaited<ReturnType<typeof createTestTeam>>;
const as = (user: TestUser, teamId: string) => callerFor(harness.db, user, teamId);

async function roleOf(teamId: string, userId: string): Promise<TeamRole | null> {
  const membership = await harness.db.membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { role: true },
  });
  return membership?.role ?? null;
}

describe('role escalation', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTestTeam(harness.db);
  });

  it('refuses every member changing their own role, admins promoting themselves to owner included', async () => {
    const attempts: [TeamRole, TeamRole, string][] = [
      ['LABELER', 'ADMIN', 'FORBIDDEN'],
      ['REVIEWER', 'OWNER', 'FORBIDDEN'],
      ['ADMIN', 'OWNER', 'FORBIDDEN'],
      ['OWNER', 'LABELER', 'FORBIDDEN'],
    ];
    for (const [role, wanted, code] of attempts) {
      const member = team.members[role];
      await expectRefused(harness, `${role} making themselves ${wanted}`, code, () =>
        attempt(() =>
          as(member, team.teamId).teams.changeRole({
            membershipId: member.membershipId,
            role: wanted,
          }),
        ),
      );
      expect(await roleOf(team.teamId, member.id)).toBe(role);
    }
  });

  it('refuses an admin granting the owner role to another member or demoting the owner', async () => {
    const admin = as(team.members.ADMIN, team.teamId);
    await expectRefused(harness, 'admin making a reviewer owner', 'FORBIDDEN', () =>
      attempt(() =>
        admin.teams.changeRole({ membershipId: team.members.REVIEWER.membershipId, role: 'OWNER' }),
      ),
    );
    await expectRefused(harness, 'admin demoting the owner', 'FORBIDDEN', () =>
      attempt(() =>
        admin.teams.changeRole({ membershipId: team.members.OWNER.membershipId, role: 'ADMIN' }),
      ),
    );
    await expectRefused(harness, 'admin removing the owner', 'FORBIDDEN', () =>
      attempt(() => admin.teams.removeMember({ membershipId: team.members.OWNER.membershipId })),
    );
    expect(await roleOf(team.teamId, team.members.REVIEWER.id)).toBe('REVIEWER');
    expect(await roleOf(team.teamId, team.members.OWNER.id)).toBe('OWNER');
  });

  it('refuses API keys and invitations with a role above their creator', async () => {
    const admin = as(team.members.ADMIN, team.teamId);
    await expectRefused(harness, 'admin creating an owner key', 'FORBIDDEN', () =>
      attempt(() => admin.apiKeys.create({ name: 'master key', role: 'OWNER' })),
    );
    await expectRefused(harness, 'admin inviting an owner', 'FORBIDDEN', () =>
      attempt(() => admin.invitations.create({ email: 'boss@test.captionary.dev', role: 'OWNER' })),
    );
    const reviewer = as(team.members.REVIEWER, team.teamId);
    await expectRefused(harness, 'reviewer creating a reviewer key', 'FORBIDDEN', () =>
      attempt(() => reviewer.apiKeys.create({ name: 'own key', role: 'REVIEWER' })),
    );
    await expectRefused(harness, 'reviewer inviting a labeler', 'FORBIDDEN', () =>
      attempt(() =>
        reviewer.invitations.create({ email: 'friend@test.captionary.dev', role: 'LABELER' }),
      ),
    );
  });

  it("refuses an admin revoking an owner's API key", async () => {
    const { apiKey } = await as(team.members.OWNER, team.teamId).apiKeys.create({
      name: 'billing export',
      role: 'OWNER',
    });
    await expectRefused(harness, 'admin revoking an owner key', 'FORBIDDEN', () =>
      attempt(() => as(team.members.ADMIN, team.teamId).apiKeys.revoke({ apiKeyId: apiKey.id })),
    );
    const stored = await harness.db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(stored.revokedAt).toBeNull();
  });

  it("refuses an admin withdrawing an owner's invitation", async () => {
    const { invitation } = await as(team.members.OWNER, team.teamId).invitations.create({
      email: 'co-owner@test.captionary.dev',
      role: 'OWNER',
    });
    await expectRefused(harness, "admin revoking an owner's invite", 'FORBIDDEN', () =>
      attempt(() =>
        as(team.members.ADMIN, team.teamId).invitations.revoke({ invitationId: invitation.id }),
      ),
    );
    const stored = await harness.db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored.revokedAt).toBeNull();
  });
});

describe('the last owner', () => {
  it('cannot demote or remove themselves, and nobody else can either', async () => {
    const team = await createTestTeam(harness.db, ['OWNER', 'ADMIN']);
    const owner = team.members.OWNER;
    const self = as(owner, team.teamId);
    await expectRefused(harness, 'last owner demoting themselves', 'FORBIDDEN', () =>
      attempt(() => self.teams.changeRole({ membershipId: owner.membershipId, role: 'ADMIN' })),
    );
    await expectRefused(harness, 'last owner removing themselves', 'FORBIDDEN', () =>
      attempt(() => self.teams.removeMember({ membershipId: owner.membershipId })),
    );
    expect(await roleOf(team.teamId, owner.id)).toBe('OWNER');

    // With a second owner, each may demote the other, but never the last one left.
    const second = await createTestUser(harness.db, 'second-owner');
    const membership = await harness.db.membership.create({
      data: { teamId: team.teamId, userId: second.id, role: 'OWNER' },
    });
    await as(second, team.teamId).teams.changeRole({
      membershipId: owner.membershipId,
      role: 'ADMIN',
    });
    await expectRefused(harness, 'demoted owner taking back the role', 'FORBIDDEN', () =>
      attempt(() => self.teams.changeRole({ membershipId: owner.membershipId, role: 'OWNER' })),
    );
    await expectRefused(harness, 'admin removing the now last owner', 'FORBIDDEN', () =>
      attempt(() => self.teams.removeMember({ membershipId: membership.id })),
    );
    expect(await roleOf(team.teamId, second.id)).toBe('OWNER');
  });
});

describe('invitations', () => {
  it('can be accepted once: a second acceptance changes nothing', async () => {
    const team = await createTestTeam(harness.db, ['OWNER']);
    const invitee = await createTestUser(harness.db, 'invitee');
    const { path } = await as(team.members.OWNER, team.teamId).invitations.create({
      email: invitee.email,
      role: 'REVIEWER',
    });
    const token = path.slice(path.lastIndexOf('/') + 1);
    await callerFor(harness.db, invitee).invitations.accept({ token });
    expect(await roleOf(team.teamId, invitee.id)).toBe('REVIEWER');
    // Demoted since, the member must not get the invited role back by replaying the link.
    await harness.db.membership.update({
      where: { teamId_userId: { teamId: team.teamId, userId: invitee.id } },
      data: { role: 'LABELER' },
    });
    await expectRefused(harness, 'accepting the same invite again', 'PRECONDITION_FAILED', () =>
      attempt(() => callerFor(harness.db, invitee).invitations.accept({ token })),
    );
    await expectRefused(harness, 'signing up with a spent invite', 'PRECONDITION_FAILED', () =>
      attempt(() =>
        callerFor(harness.db, null).invitations.acceptWithNewAccount({
          token,
          name: 'Replay',
          password: 'a long enough password',
        }),
      ),
    );
    expect(await roleOf(team.teamId, invitee.id)).toBe('LABELER');
  });

  it('cannot be accepted by someone it was not sent to', async () => {
    const team = await createTestTeam(harness.db, ['OWNER']);
    const { path } = await as(team.members.OWNER, team.teamId).invitations.create({
      email: 'someone-else@test.captionary.dev',
      role: 'ADMIN',
    });
    const token = path.slice(path.lastIndexOf('/') + 1);
    const stranger = await createTestUser(harness.db, 'stranger');
    await expectRefused(harness, "accepting another person's invite", 'FORBIDDEN', () =>
      attempt(() => callerFor(harness.db, stranger).invitations.accept({ token })),
    );
    expect(await roleOf(team.teamId, stranger.id)).toBeNull();
  });
});

describe('the active team', () => {
  it('cannot be a team the user is not a member of', async () => {
    const mine = await createTestTeam(harness.db, ['OWNER']);
    const theirs = await createTestTeam(harness.db, ['OWNER']);
    const user = mine.members.OWNER;
    const cookiesSet: string[] = [];
    await expectRefused(harness, 'switching to a foreign team', 'NOT_FOUND', () =>
      attempt(() =>
        callerFor(harness.db, user, mine.teamId, cookiesSet).teams.switch({
          teamId: theirs.teamId,
        }),
      ),
    );
    expect(cookiesSet).toEqual([]);
    // A forged cookie naming the foreign team is ignored: the user stays in their own team.
    const current = await callerFor(harness.db, user, theirs.teamId).teams.current();
    expect(current.activeTeam?.id).toBe(mine.teamId);
    expect(current.teams.map((team) => team.id)).toEqual([mine.teamId]);
  });
});

describe('a disabled user', () => {
  it('loses their session at the next request', async () => {
    const user = await createTestUser(harness.db, 'to-disable');
    const signIn = await verifyCredentials(harness.db, {
      email: user.email,
      password: FIXTURE_PASSWORD,
    });
    expect(signIn).not.toBeNull();
    const jwt = authOptions().callbacks!.jwt!;
    const token = { ...signIn!, sub: signIn!.id };
    const refresh = () =>
      jwt({ token, user: undefined as never, account: null, trigger: undefined });
    await expect(refresh()).resolves.toMatchObject({ sub: user.id });

    await harness.db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    // next-auth answers a throwing jwt callback by clearing the session: no user reaches tRPC.
    await expect(refresh()).rejects.toThrow(/disabled/);
    expect(
      await verifyCredentials(harness.db, { email: user.email, password: FIXTURE_PASSWORD }),
    ).toBeNull();
  });
});
