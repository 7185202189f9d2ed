// The dataset browser through its tRPC procedures, against the real database: keyset pages that
// neither repeat nor skip rows, each filter, row detail with provenance, and team isolation.
import type { Db } from '@captionary/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createModelVersion,
  createProjectWithRows,
  seedPredictions,
  setLabelState,
  type SeededRow,
} from '../testing/caption-fixtures';
import { callerFor, createTestTeam, testDb, type TestUser } from '../testing/fixtures';

let db: Db;
let teamId: string;
let labeler: TestUser;
let reviewer: TestUser;
let projectId: string;
let rows: SeededRow[];
let jobId: string;

beforeAll(async () => {
  db = testDb();
  const team = await createTestTeam(db, ['OWNER', 'REVIEWER', 'LABELER']);
  teamId = team.teamId;
  labeler = team.members.LABELER;
  reviewer = team.members.REVIEWER;
  ({ projectId, rows } = await createProjectWithRows(db, teamId, 10));
  const model = await createModelVersion(db);
  // Rows 0-5 have pre-labels; 6-9 have none.
  const job = await seedPredictions(db, projectId, model, rows.slice(0, 6), {
    caption: (row) =>
      row.externalId === 'img-001.jpg'
        ? 'a red bicycle, 100% rusty'
        : `a plain tile ${row.externalId}`,
  });
  jobId = job.id;
  await setLabelState(db, rows[2]!.id, {
    status: 'APPROVED',
    stepId: 'done',
    editedById: reviewer.id,
  });
  await setLabelState(db, rows[3]!.id, { status: 'SUBMITTED', stepId: 'review' });
});
afterAll(async () => {
  await db.$disconnect();
});

const ids = (page: { rows: { externalId: string }[] }) => page.rows.map((r) => r.externalId);

describe('dataRows.browse', () => {
  it('pages through every row once, in external-id order, with a keyset cursor', async () => {
    const caller = callerFor(db, labeler, teamId);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof caller.dataRows.browse>> = await caller.dataRows.browse(
        { projectId, limit: 3, cursor },
      );
      seen.push(...ids(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(rows.map((r) => r.externalId));
  });

  it('describes each row: caption, status, step, pre-label, who wrote the caption', async () => {
    const page = await callerFor(db, labeler, teamId).dataRows.browse({ projectId, limit: 4 });
    expect(page.rows[1]).toMatchObject({
      externalId: 'img-001.jpg',
      caption: 'a red bicycle, 100% rusty',
      labelStatus: 'DRAFT',
      captionByModel: true,
      stepId: 'label',
      hasPrelabel: true,
      width: 64,
      height: 48,
    });
    expect(page.rows[2]).toMatchObject({ labelStatus: 'APPROVED', captionByModel: false });
    const last = await callerFor(db, labeler, teamId).dataRows.browse({
      projectId,
      filter: { hasPrelabel: false },
      limit: 1,
    });
    expect(last.rows[0]).toMatchObject({ caption: null, labelStatus: null, stepId: null });
  });

  it('filters by pre-label, step, label status, job and caption text', async () => {
    const caller = callerFor(db, labeler, teamId);
    const browse = async (filter: object) =>
      ids(await caller.dataRows.browse({ projectId, filter }));
    expect(await browse({ hasPrelabel: true })).toEqual(rows.slice(0, 6).map((r) => r.externalId));
    expect(await browse({ hasPrelabel: false })).toEqual(rows.slice(6).map((r) => r.externalId));
    expect(await browse({ stepId: 'done' })).toEqual(['img-002.jpg']);
    expect(await browse({ stepId: 'review' })).toEqual(['img-003.jpg']);
    expect(await browse({ labelStatus: 'APPROVED' })).toEqual(['img-002.jpg']);
    expect(await browse({ labelStatus: 'NONE' })).toHaveLength(4);
    expect(await browse({ jobId })).toHaveLength(6);
    expect(await browse({ text: 'BICYCLE' })).toEqual(['img-001.jpg']);
    // LIKE wildcards in the search are literal characters.
    expect(await browse({ text: '100%' })).toEqual(['img-001.jpg']);
    expect(await browse({ text: '_' })).toEqual([]);
    expect(await browse({ text: 'plain tile', labelStatus: 'DRAFT' })).toEqual([
      'img-000.jpg',
      'img-004.jpg',
      'img-005.jpg',
    ]);
    expect(await caller.dataRows.count({ projectId, filter: { hasPrelabel: true } })).toEqual({
      count: 6,
    });
  });

  it('refuses a forged cursor', async () => {
    await expect(
      callerFor(db, labeler, teamId).dataRows.browse({ projectId, cursor: '!!not-a-cursor' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it("answers NOT_FOUND for another team's project and rows", async () => {
    const other = await createTestTeam(db, ['OWNER']);
    const outsider = callerFor(db, other.members.OWNER, other.teamId);
    await expect(outsider.dataRows.browse({ projectId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(outsider.dataRows.count({ projectId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(outsider.dataRows.get({ rowId: rows[0]!.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('dataRows.get', () => {
  it('returns predictions with model provenance and the label history', async () => {
    const detail = await callerFor(db, labeler, teamId).dataRows.get({ rowId: rows[1]!.id });
    expect(detail).toMatchObject({
      externalId: 'img-001.jpg',
      step: { id: 'label', name: 'Label' },
      label: { caption: 'a red bicycle, 100% rusty', status: 'DRAFT', createdByName: null },
    });
    expect(detail.predictions).toHaveLength(1);
    expect(detail.predictions[0]).toMatchObject({
      caption: 'a red bicycle, 100% rusty',
      score: -1.25,
      latencyMs: 42,
      jobId,
      params: { maxNewTokens: 30, numBeams: 1 },
      model: { tiny: true, checksum: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(detail.label?.revisions).toEqual([
      expect.objectContaining({
        action: 'PRELABEL',
        after: 'a red bicycle, 100% rusty',
        actorName: null,
      }),
    ]);
  });
});
