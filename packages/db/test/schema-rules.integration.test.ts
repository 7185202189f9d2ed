import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultWorkflow } from '@captionary/shared';
import { createDb, type Db } from '../src/client';
import { seedDemoTeam } from '../src/seed/demo-team';
import { verifyPassword } from '../src/security/passwords';
import { hashToken } from '../src/security/tokens';
import { createScratchDatabase } from './helpers';
import { applyMigrations } from '../src/migrate';

describe('database rules', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let db: Db;
  beforeAll(async () => {
    scratch = await createScratchDatabase('rules');
    await applyMigrations(scratch.url, { log: () => {} });
    db = createDb(scratch.url, { max: 2 });
  });
  afterAll(async () => {
    await db.$disconnect();
    await scratch.drop();
  });

  it('seeds the demo team once, with random passwords stored only as argon2id hashes', async () => {
    const credentials = await seedDemoTeam(db);
    expect(credentials).not.toBeNull();
    expect(credentials!.users.map((u) => u.role)).toEqual([
      'OWNER',
      'ADMIN',
      'REVIEWER',
      'LABELER',
    ]);
    for (const user of credentials!.users) {
      const row = await db.user.findUniqueOrThrow({ where: { email: user.email } });
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row.passwordHash).not.toContain(user.password);
      expect(await verifyPassword(row.passwordHash, user.password)).toBe(true);
    }
    const key = await db.apiKey.findUniqueOrThrow({
      where: { keyHash: hashToken(credentials!.apiKey.key) },
    });
    expect(key.role).toBe('OWNER');
    expect(await seedDemoTeam(db)).toBeNull();
  });

  it('keeps one data row per project and external id', async () => {
    const team = await db.team.create({ data: { name: 'Rules', slug: `rules-${Date.now()}` } });
    const project = await db.project.create({
      data: { teamId: team.id, name: 'P', workflowConfig: defaultWorkflow() },
    });
    const row = {
      projectId: project.id,
      externalId: 'a.jpg',
      sourceUri: 'a.jpg',
      storageKey: 'k',
      sha256: 'a'.repeat(64),
      mimeType: 'image/jpeg',
      byteSize: 1,
      width: 1,
      height: 1,
    };
    await db.dataRow.create({ data: row });
    await expect(db.dataRow.create({ data: row })).rejects.toThrow(/Unique constraint/i);
  });

  it('refuses to update or delete label history, but lets a deleted label take its history along', async () => {
    const team = await db.team.create({ data: { name: 'History', slug: `history-${Date.now()}` } });
    const project = await db.project.create({
      data: { teamId: team.id, name: 'P', workflowConfig: defaultWorkflow() },
    });
    const dataRow = await db.dataRow.create({
      data: {
        projectId: project.id,
        externalId: 'h.jpg',
        sourceUri: 'h.jpg',
        storageKey: 'k',
        sha256: 'b'.repeat(64),
        mimeType: 'image/jpeg',
        byteSize: 1,
        width: 1,
        height: 1,
      },
    });
    const label = await db.label.create({
      data: { projectId: project.id, dataRowId: dataRow.id, caption: 'a dog' },
    });
    const revision = await db.labelRevision.create({
      data: { labelId: label.id, action: 'PRELABEL', after: 'a dog' },
    });
    await expect(
      db.labelRevision.update({ where: { id: revision.id }, data: { after: 'a cat' } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.labelRevision.delete({ where: { id: revision.id } })).rejects.toThrow(
      /append-only/,
    );
    await db.label.delete({ where: { id: label.id } });
    expect(await db.labelRevision.count({ where: { labelId: label.id } })).toBe(0);
  });
});
