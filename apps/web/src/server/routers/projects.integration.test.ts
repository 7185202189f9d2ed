import type { Db } from '@captionary/db';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestTeam, testDb } from '../testing/fixtures';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

async function addRowsAndLabels(
  projectId: string,
  statuses: ('DRAFT' | 'APPROVED' | 'SUBMITTED')[],
) {
  for (const status of statuses) {
    const row = await db.dataRow.create({
      data: {
        projectId,
        externalId: randomUUID(),
        sourceUri: 'https://example.org/image.jpg',
        storageKey: `test/${randomUUID()}`,
        sha256: 'a'.repeat(64),
        mimeType: 'image/jpeg',
        byteSize: 100,
        width: 10,
        height: 10,
      },
    });
    await db.label.create({ data: { projectId, dataRowId: row.id, caption: 'a cat', status } });
  }
}

describe('projects procedures', () => {
  it('creates a project with the default workflow, renames, describes and archives it', async () => {
    const { teamId, members } = await createTestTeam(db, ['ADMIN']);
    const admin = callerFor(db, members.ADMIN, teamId);

    const created = await admin.projects.create({ name: '  Street scenes  ', description: 'Cars' });
    expect(created.name).toBe('Street scenes');
    expect(created.workflow.steps.map((s) => s.type)).toEqual([
      'label',
      'review',
      'rework',
      'done',
    ]);

    const updated = await admin.projects.update({
      projectId: created.id,
      name: 'Street scenes 2',
      captionInstructions: 'Mention the weather.',
    });
    expect(updated).toMatchObject({
      name: 'Street scenes 2',
      description: 'Cars',
      captionInstructions: 'Mention the weather.',
    });

    await admin.projects.setArchived({ projectId: created.id, archived: true });
    expect((await admin.projects.list()).map((p) => p.id)).not.toContain(created.id);
    const withArchived = await admin.projects.list({ includeArchived: true });
    expect(withArchived.find((p) => p.id === created.id)?.archivedAt).toBeInstanceOf(Date);

    await admin.projects.setArchived({ projectId: created.id, archived: false });
    expect((await admin.projects.list()).map((p) => p.id)).toContain(created.id);

    const audit = await db.auditEvent.findMany({ where: { teamId, targetId: created.id } });
    expect(audit.map((e) => e.action).sort()).toEqual([
      'project.archived',
      'project.created',
      'project.unarchived',
      'project.updated',
    ]);
  });

  it('lists projects with data row and label counts', async () => {
    const { teamId, members } = await createTestTeam(db, ['ADMIN', 'LABELER']);
    const admin = callerFor(db, members.ADMIN, teamId);
    const busy = await admin.projects.create({ name: 'Busy' });
    const empty = await admin.projects.create({ name: 'Empty' });
    await addRowsAndLabels(busy.id, ['DRAFT', 'APPROVED', 'APPROVED']);

    const list = await callerFor(db, members.LABELER, teamId).projects.list();
    expect(list.find((p) => p.id === busy.id)?.counts).toEqual({
      dataRows: 3,
      labels: { DRAFT: 1, SUBMITTED: 0, APPROVED: 2, REJECTED: 0 },
    });
    expect(list.find((p) => p.id === empty.id)?.counts.dataRows).toBe(0);
  });

  it("answers NOT_FOUND for another team's project on every procedure", async () => {
    const mine = await createTestTeam(db, ['OWNER']);
    const theirs = await createTestTeam(db, ['OWNER']);
    const foreign = await callerFor(db, theirs.members.OWNER, theirs.teamId).projects.create({
      name: 'Secret',
    });
    const me = callerFor(db, mine.members.OWNER, mine.teamId);

    await expect(me.projects.get({ projectId: foreign.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      me.projects.update({ projectId: foreign.id, name: 'Mine now' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      me.projects.setArchived({ projectId: foreign.id, archived: true }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await db.project.findUniqueOrThrow({ where: { id: foreign.id } })).name).toBe('Secret');
  });

  it('does not let a team cookie for a foreign team reach that team', async () => {
    const mine = await createTestTeam(db, ['OWNER']);
    const theirs = await createTestTeam(db, ['OWNER']);
    const foreign = await callerFor(db, theirs.members.OWNER, theirs.teamId).projects.create({
      name: 'Theirs',
    });
    // The cookie names their team; the membership check falls back to my own team.
    const me = callerFor(db, mine.members.OWNER, theirs.teamId);
    expect((await me.projects.list()).map((p) => p.id)).not.toContain(foreign.id);
    expect((await me.teams.current()).activeTeam?.id).toBe(mine.teamId);
  });

  it('refuses project changes below ADMIN and signed-out callers', async () => {
    const { teamId, members } = await createTestTeam(db, ['REVIEWER']);
    await expect(
      callerFor(db, members.REVIEWER, teamId).projects.create({ name: 'Nope' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(db, null).projects.list()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('refuses an empty name with a field error', async () => {
    const { teamId, members } = await createTestTeam(db, ['ADMIN']);
    await expect(
      callerFor(db, members.ADMIN, teamId).projects.create({ name: '   ' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
