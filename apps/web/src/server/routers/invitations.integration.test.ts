import { hashToken, type Db } from '@captionary/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestTeam, createTestUser, testDb } from '../testing/fixtures';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

const tokenOf = (path: string) => path.replace('/invite/', '');

describe('invitations', () => {
  it('lets an admin invite; the invitee creates an account once', async () => {
    const { teamId, members } = await createTestTeam(db, ['ADMIN']);
    const admin = callerFor(db, members.ADMIN, teamId);
    const email = `New.Person-${Date.now()}@Test.Captionary.dev`;
    const { invitation, path } = await admin.invitations.create({ email, role: 'REVIEWER' });
    expect(invitation).toMatchObject({ email: email.toLowerCase(), status: 'pending' });
    const token = tokenOf(path);
    const stored = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.tokenHash).not.toContain(token);

    const anonymous = callerFor(db, null);
    expect(await anonymous.invitations.preview({ token })).toMatchObject({
      email: email.toLowerCase(),
      role: 'REVIEWER',
      status: 'pending',
      hasAccount: false,
    });
    const accepted = await anonymous.invitations.acceptWithNewAccount({
      token,
      name: 'New Person',
      password: 'a long enough password',
    });
    expect(accepted).toEqual({ email: email.toLowerCase(), teamId });
    const user = await db.user.findUniqueOrThrow({
      where: { email: email.toLowerCase() },
      include: { memberships: true },
    });
    expect(user.memberships).toMatchObject([{ teamId, role: 'REVIEWER' }]);

    // The same link a second time: refused, nothing new stored.
    await expect(
      anonymous.invitations.acceptWithNewAccount({
        token,
        name: 'Someone Else',
        password: 'another long password',
      }),
    ).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringMatching(/already been used/),
    });
    expect(await db.user.count({ where: { email: email.toLowerCase() } })).toBe(1);
    expect((await admin.invitations.list()).find((i) => i.id === invitation.id)?.status).toBe(
      'accepted',
    );
  });

  it('refuses expired and revoked invites without storing anything', async () => {
    const { teamId, members } = await createTestTeam(db, ['OWNER']);
    const owner = callerFor(db, members.OWNER, teamId);
    const expired = await owner.invitations.create({
      email: `expired-${Date.now()}@test.captionary.dev`,
      role: 'LABELER',
    });
    await db.invitation.update({
      where: { id: expired.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const revoked = await owner.invitations.create({
      email: `revoked-${Date.now()}@test.captionary.dev`,
      role: 'LABELER',
    });
    await owner.invitations.revoke({ invitationId: revoked.invitation.id });

    const anonymous = callerFor(db, null);
    for (const [path, pattern] of [
      [expired.path, /expired/],
      [revoked.path, /withdrawn/],
    ] as const) {
      await expect(
        anonymous.invitations.acceptWithNewAccount({
          token: tokenOf(path),
          name: 'Late',
          password: 'a long enough password',
        }),
      ).rejects.toMatchObject({
        code: 'PRECONDITION_FAILED',
        message: expect.stringMatching(pattern),
      });
    }
    expect(await db.membership.count({ where: { teamId } })).toBe(1);
    expect(
      await db.user.count({
        where: { email: { in: [expired.invitation.email, revoked.invitation.email] } },
      }),
    ).toBe(0);
  });

  it('refuses an unknown token and a short password', async () => {
    const anonymous = callerFor(db, null);
    await expect(anonymous.invitations.preview({ token: 'x'.repeat(43) })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const { teamId, members } = await createTestTeam(db, ['OWNER']);
    const { path } = await callerFor(db, members.OWNER, teamId).invitations.create({
      email: `short-${Date.now()}@test.captionary.dev`,
      role: 'LABELER',
    });
    await expect(
      anonymous.invitations.acceptWithNewAccount({
        token: tokenOf(path),
        name: 'A',
        password: 'short',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it.each(['a@x.dev,b@x.dev', 'not-an-email', 'a@x.dev b@x.dev', ''])(
    'refuses the malformed email %j',
    async (email) => {
      const { teamId, members } = await createTestTeam(db, ['OWNER']);
      await expect(
        callerFor(db, members.OWNER, teamId).invitations.create({ email, role: 'LABELER' }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      expect(await db.invitation.count({ where: { teamId } })).toBe(0);
    },
  );

  it('refuses invites from labelers and owner invites from admins', async () => {
    const { teamId, members } = await createTestTeam(db);
    const email = `x-${Date.now()}@test.captionary.dev`;
    await expect(
      callerFor(db, members.LABELER, teamId).invitations.create({ email, role: 'LABELER' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      callerFor(db, members.ADMIN, teamId).invitations.create({ email, role: 'OWNER' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.invitation.count({ where: { teamId } })).toBe(0);
  });

  it('refuses inviting an existing member', async () => {
    const { teamId, members } = await createTestTeam(db, ['OWNER', 'LABELER']);
    await expect(
      callerFor(db, members.OWNER, teamId).invitations.create({
        email: members.LABELER.email,
        role: 'ADMIN',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('lets an existing account join a second team by signing in and accepting', async () => {
    const first = await createTestTeam(db, ['OWNER']);
    const second = await createTestTeam(db, ['OWNER']);
    const { path } = await callerFor(db, second.members.OWNER, second.teamId).invitations.create({
      email: first.members.OWNER.email,
      role: 'LABELER',
    });
    expect(await callerFor(db, null).invitations.preview({ token: tokenOf(path) })).toMatchObject({
      hasAccount: true,
    });
    // Someone else signed in cannot use it.
    const stranger = await createTestUser(db, 'stranger');
    await expect(
      callerFor(db, stranger).invitations.accept({ token: tokenOf(path) }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const cookiesSet: string[] = [];
    const invitee = callerFor(db, first.members.OWNER, null, cookiesSet);
    expect(await invitee.invitations.accept({ token: tokenOf(path) })).toEqual({
      teamId: second.teamId,
    });
    expect(cookiesSet).toEqual([second.teamId]);
    const teams = await callerFor(db, first.members.OWNER, second.teamId).teams.current();
    expect(teams.teams.map((t) => t.id).sort()).toEqual([first.teamId, second.teamId].sort());
    expect(teams.activeTeam).toMatchObject({ id: second.teamId, role: 'LABELER' });
  });

  it("hides another team's invitations from revoke", async () => {
    const mine = await createTestTeam(db, ['OWNER']);
    const theirs = await createTestTeam(db, ['OWNER']);
    const { invitation } = await callerFor(
      db,
      theirs.members.OWNER,
      theirs.teamId,
    ).invitations.create({ email: `t-${Date.now()}@test.captionary.dev`, role: 'LABELER' });
    await expect(
      callerFor(db, mine.members.OWNER, mine.teamId).invitations.revoke({
        invitationId: invitation.id,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
