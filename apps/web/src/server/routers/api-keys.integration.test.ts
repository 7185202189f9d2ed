import { hashToken, type Db } from '@captionary/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../services/api-keys';
import { callerFor, createTestTeam, testDb } from '../testing/fixtures';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

describe('API keys', () => {
  it('shows a new key once and stores only its hash', async () => {
    const { teamId, members } = await createTestTeam(db, ['ADMIN']);
    const admin = callerFor(db, members.ADMIN, teamId);
    const { key, apiKey } = await admin.apiKeys.create({ name: 'Importer', role: 'LABELER' });
    expect(key).toMatch(/^cap_[A-Za-z0-9_-]{43}$/);
    expect(apiKey.prefix).toBe(key.slice(0, 10));

    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(stored.keyHash).toBe(hashToken(key));
    const listed = await admin.apiKeys.list();
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(listed[0]).toMatchObject({ name: 'Importer', role: 'LABELER', revokedAt: null });
  });

  it('caps the key role at the creator role and refuses non-admins', async () => {
    const { teamId, members } = await createTestTeam(db, ['ADMIN', 'REVIEWER']);
    await expect(
      callerFor(db, members.ADMIN, teamId).apiKeys.create({ name: 'Too strong', role: 'OWNER' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      callerFor(db, members.REVIEWER, teamId).apiKeys.create({ name: 'Mine', role: 'LABELER' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.apiKey.count({ where: { teamId } })).toBe(0);
  });

  it('authenticates a key, records its use, and refuses it once revoked', async () => {
    const { teamId, members } = await createTestTeam(db, ['OWNER']);
    const owner = callerFor(db, members.OWNER, teamId);
    const { key, apiKey } = await owner.apiKeys.create({ name: 'CI', role: 'ADMIN' });

    expect(await authenticateApiKey(db, key)).toMatchObject({
      teamId,
      role: 'ADMIN',
      apiKeyId: apiKey.id,
    });
    const firstUse = (await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt;
    expect(firstUse).toBeInstanceOf(Date);
    // A second use within the minute does not write again.
    await authenticateApiKey(db, key);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt).toEqual(
      firstUse,
    );

    const revoked = await owner.apiKeys.revoke({ apiKeyId: apiKey.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    await expect(authenticateApiKey(db, key)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('never lets a key outrank its creator, and stops it when the creator leaves or is disabled', async () => {
    const { teamId, members } = await createTestTeam(db, ['OWNER', 'ADMIN']);
    const admin = callerFor(db, members.ADMIN, teamId);
    const { key } = await admin.apiKeys.create({ name: 'Sync', role: 'ADMIN' });
    expect(await authenticateApiKey(db, key)).toMatchObject({
      role: 'ADMIN',
      creatorId: members.ADMIN.id,
    });

    // Demoted: the key keeps working, with the creator's new, lower role.
    await db.membership.update({
      where: { id: members.ADMIN.membershipId },
      data: { role: 'LABELER' },
    });
    expect(await authenticateApiKey(db, key)).toMatchObject({ role: 'LABELER' });

    // Disabled, then removed from the team: the key stops working.
    await db.user.update({ where: { id: members.ADMIN.id }, data: { disabledAt: new Date() } });
    await expect(authenticateApiKey(db, key)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringContaining('no longer active'),
    });
    await db.user.update({ where: { id: members.ADMIN.id }, data: { disabledAt: null } });
    await db.membership.delete({ where: { id: members.ADMIN.membershipId } });
    await expect(authenticateApiKey(db, key)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it("answers NOT_FOUND when revoking another team's key", async () => {
    const mine = await createTestTeam(db, ['OWNER']);
    const theirs = await createTestTeam(db, ['OWNER']);
    const { apiKey } = await callerFor(db, theirs.members.OWNER, theirs.teamId).apiKeys.create({
      name: 'Theirs',
      role: 'LABELER',
    });
    await expect(
      callerFor(db, mine.members.OWNER, mine.teamId).apiKeys.revoke({ apiKeyId: apiKey.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).revokedAt).toBeNull();
  });
});
