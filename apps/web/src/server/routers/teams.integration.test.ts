import type { Db } from '@captionary/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestTeam, createTestUser, testDb } from '../testing/fixtures';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

describe('teams procedures', () => {
  it('makes the creator of a team its owner and switches to it', async () => {
    const user = await createTestUser(db);
    const cookiesSet: string[] = [];
    const caller = callerFor(db, user, null, cookiesSet);
    expect((await caller.teams.current()).activeTeam).toBeNull();

    const team = await caller.teams.create({ name: 'Night shift' });
    expect(team).toMatchObject({ name: 'Night shift', role: 'OWNER' });
    expect(team.slug).toMatch(/^night-shift-[0-9a-f]{6}$/);
    expect(cookiesSet).toEqual([team.id]);
  });

  it('switches only to teams the user belongs to', async () => {
    const first = await createTestTeam(db, ['LABELER']);
    const other = await createTestTeam(db, ['OWNER']);
    const cookiesSet: string[] = [];
    const caller = callerFor(db, first.members.LABELER, null, cookiesSet);
    await expect(caller.teams.switch({ teamId: other.teamId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(cookiesSet).toEqual([]);
  });

  it('lists members to any member', async () => {
    const { teamId, members } = await createTestTeam(db);
    const list = await callerFor(db, members.LABELER, teamId).teams.members();
    expect(list.map((m) => m.role)).toEqual(['OWNER', 'ADMIN', 'REVIEWER', 'LABELER']);
  });

  it('lets an admin change a labeler to reviewer and records it', async () => {
    const { teamId, members } = await createTestTeam(db);
    const changed = await callerFor(db, members.ADMIN, teamId).teams.changeRole({
      membershipId: members.LABELER.membershipId,
      role: 'REVIEWER',
    });
    expect(changed.role).toBe('REVIEWER');
    const event = await db.auditEvent.findFirstOrThrow({
      where: { teamId, action: 'member.role_changed' },
    });
    expect(event.metadata).toMatchObject({ from: 'LABELER', to: 'REVIEWER' });
  });

  it('refuses a labeler or reviewer acting as admin', async () => {
    const { teamId, members } = await createTestTeam(db);
    for (const role of ['LABELER', 'REVIEWER'] as const) {
      await expect(
        callerFor(db, members[role], teamId).teams.changeRole({
          membershipId: members.LABELER.membershipId,
          role: 'ADMIN',
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('refuses anyone raising or changing their own role', async () => {
    const { teamId, members } = await createTestTeam(db);
    await expect(
      callerFor(db, members.ADMIN, teamId).teams.changeRole({
        membershipId: members.ADMIN.membershipId,
        role: 'OWNER',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      callerFor(db, members.LABELER, teamId).teams.changeRole({
        membershipId: members.LABELER.membershipId,
        role: 'ADMIN',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const roles = await db.membership.findMany({ where: { teamId }, select: { role: true } });
    expect(roles.map((r) => r.role).sort()).toEqual(['ADMIN', 'LABELER', 'OWNER', 'REVIEWER']);
  });

  it('refuses an admin granting or removing the owner role', async () => {
    const { teamId, members } = await createTestTeam(db);
    const admin = callerFor(db, members.ADMIN, teamId);
    await expect(
      admin.teams.changeRole({ membershipId: members.REVIEWER.membershipId, role: 'OWNER' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      admin.teams.changeRole({ membershipId: members.OWNER.membershipId, role: 'LABELER' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      admin.teams.removeMember({ membershipId: members.OWNER.membershipId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets an owner make a second owner, then neither can remove the last one', async () => {
    const { teamId, members } = await createTestTeam(db, ['OWNER', 'ADMIN']);
    const owner = callerFor(db, members.OWNER, teamId);
    await owner.teams.changeRole({ membershipId: members.ADMIN.membershipId, role: 'OWNER' });
    const secondOwner = callerFor(db, members.ADMIN, teamId);
    // Two owners: one may demote the other...
    await secondOwner.teams.changeRole({ membershipId: members.OWNER.membershipId, role: 'ADMIN' });
    // ...and now the demoted one cannot touch the last owner.
    await expect(
      owner.teams.changeRole({ membershipId: members.ADMIN.membershipId, role: 'ADMIN' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.membership.count({ where: { teamId, role: 'OWNER' } })).toBe(1);
  });

  it('protects the last owner against demotion even by another owner racing', async () => {
    const { teamId, members } = await createTestTeam(db, ['OWNER', 'ADMIN']);
    await callerFor(db, members.OWNER, teamId).teams.changeRole({
      membershipId: members.ADMIN.membershipId,
      role: 'OWNER',
    });
    // Both owners demote each other at once: the team lock lets one through, never both.
    const results = await Promise.allSettled([
      callerFor(db, members.OWNER, teamId).teams.changeRole({
        membershipId: members.ADMIN.membershipId,
        role: 'ADMIN',
      }),
      callerFor(db, members.ADMIN, teamId).teams.changeRole({
        membershipId: members.OWNER.membershipId,
        role: 'ADMIN',
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.membership.count({ where: { teamId, role: 'OWNER' } })).toBe(1);
  });

  it('removes a member, and refuses removing members of another team', async () => {
    const { teamId, members } = await createTestTeam(db);
    const other = await createTestTeam(db, ['LABELER']);
    const admin = callerFor(db, members.ADMIN, teamId);
    await expect(
      admin.teams.removeMember({ membershipId: other.members.LABELER.membershipId }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await admin.teams.removeMember({ membershipId: members.LABELER.membershipId });
    expect(await db.membership.count({ where: { teamId } })).toBe(3);
  });
});
