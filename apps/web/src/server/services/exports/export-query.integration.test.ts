import type { Db } from '@captionary/db';
import { ExportFilters, type ExportFiltersInput } from '@captionary/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createModelVersion,
  createProjectWithRows,
  seedPredictions,
  type SeededRow,
} from '../../testing/caption-fixtures';
import { createTestTeam, testDb } from '../../testing/fixtures';
import { countExportRows, readExportRows, type ExportRow } from './export-query';
import { openExportSnapshot } from './export-snapshot';
import {
  approveCaption,
  createCaptionedProject,
  submitCaption,
  type ReviewPeople,
} from './testing/export-fixtures';

let db: Db;
let databaseUrl: string;
let team: Awaited<ReturnType<typeof createTestTeam>>;
let people: ReviewPeople;

beforeAll(async () => {
  db = testDb();
  databaseUrl = process.env.DATABASE_URL!;
  team = await createTestTeam(db);
  people = { labelerId: team.members.LABELER.id, reviewerId: team.members.REVIEWER.id };
});

afterAll(async () => {
  await db.$disconnect();
});

async function readAll(
  projectId: string,
  filters: ExportFiltersInput = {},
  batchSize?: number,
): Promise<ExportRow[]> {
  const snapshot = await openExportSnapshot(databaseUrl);
  try {
    const rows: ExportRow[] = [];
    const parsed = ExportFilters.parse(filters);
    for await (const row of readExportRows(snapshot.readers, projectId, parsed, { batchSize })) {
      rows.push(row);
    }
    expect(await countExportRows(snapshot.client, projectId, parsed)).toBe(rows.length);
    return rows;
  } finally {
    await snapshot.close();
  }
}

const externalIds = (rows: ExportRow[]) => rows.map((row) => row.dataRow.externalId);

describe('export filters', () => {
  let projectId: string;
  let rows: SeededRow[];
  let secondModel: { id: string; name: string };
  let secondJob: { id: string };

  beforeAll(async () => {
    const created = await createProjectWithRows(db, team.teamId, 6);
    projectId = created.projectId;
    rows = created.rows;
    await seedPredictions(db, projectId, await createModelVersion(db), rows.slice(0, 4));
    secondModel = await createModelVersion(db);
    secondJob = await seedPredictions(db, projectId, secondModel, rows.slice(4));
    const day = (n: number) => new Date(Date.UTC(2025, 0, n, 12));
    for (const [index, at] of [
      [0, day(1)],
      [1, day(10)],
      [4, day(20)],
    ] as const) {
      const reviewed = await submitCaption(db, rows[index]!, people, `caption ${index}`);
      const reviewerId = index === 1 ? team.members.ADMIN.id : people.reviewerId;
      await approveCaption(db, reviewed, reviewerId, { at });
    }
    await submitCaption(db, rows[2]!, people, 'caption 2, submitted');
  });

  it('exports approved labels only by default, in external id order', async () => {
    expect(externalIds(await readAll(projectId))).toEqual([
      'img-000.jpg',
      'img-001.jpg',
      'img-004.jpg',
    ]);
  });

  it('selects other statuses on request', async () => {
    const rowsOut = await readAll(projectId, { status: ['SUBMITTED', 'DRAFT'] });
    expect(externalIds(rowsOut).sort()).toEqual(['img-002.jpg', 'img-003.jpg', 'img-005.jpg']);
  });

  it('filters by workflow step', async () => {
    const inReview = await readAll(projectId, { status: ['SUBMITTED', 'DRAFT'], step: 'review' });
    expect(externalIds(inReview)).toEqual(['img-002.jpg']);
  });

  it('filters by the date of the last change, since inclusive and until exclusive', async () => {
    expect(externalIds(await readAll(projectId, { since: '2025-01-10T12:00:00Z' }))).toEqual([
      'img-001.jpg',
      'img-004.jpg',
    ]);
    expect(externalIds(await readAll(projectId, { until: '2025-01-10T12:00:00Z' }))).toEqual([
      'img-000.jpg',
    ]);
    expect(
      externalIds(await readAll(projectId, { since: '2025-01-02', until: '2025-01-15' })),
    ).toEqual(['img-001.jpg']);
  });

  it('filters by the reviewer who approved', async () => {
    const byAdmin = await readAll(projectId, { reviewer: team.members.ADMIN.id });
    expect(externalIds(byAdmin)).toEqual(['img-001.jpg']);
    expect(byAdmin[0]!.approval?.reviewer?.id).toBe(team.members.ADMIN.id);
  });

  it('filters by caption job and by model version', async () => {
    expect(externalIds(await readAll(projectId, { job: secondJob.id }))).toEqual(['img-004.jpg']);
    expect(externalIds(await readAll(projectId, { model: secondModel.id }))).toEqual([
      'img-004.jpg',
    ]);
  });

  it('leaves out rows whose image vanished from the source', async () => {
    await db.dataRow.update({ where: { id: rows[0]!.id }, data: { removedAt: new Date() } });
    try {
      expect(externalIds(await readAll(projectId))).toEqual(['img-001.jpg', 'img-004.jpg']);
    } finally {
      await db.dataRow.update({ where: { id: rows[0]!.id }, data: { removedAt: null } });
    }
  });

  it('reads the same rows whatever the batch size', async () => {
    expect(await readAll(projectId, { status: ['APPROVED', 'SUBMITTED', 'DRAFT'] }, 1)).toEqual(
      await readAll(projectId, { status: ['APPROVED', 'SUBMITTED', 'DRAFT'] }),
    );
  });
});

describe('export snapshot', () => {
  it('keeps reading one consistent snapshot while edits and approvals continue', async () => {
    const { projectId, rows } = await createCaptionedProject(db, team.teamId, 12);
    for (const row of rows.slice(0, 8)) {
      await approveCaption(
        db,
        await submitCaption(db, row, people, `first ${row.externalId}`),
        people.reviewerId,
      );
    }
    const before = await readAll(projectId);
    expect(before).toHaveLength(8);

    const snapshot = await openExportSnapshot(databaseUrl);
    const seen: ExportRow[] = [];
    try {
      const filters = ExportFilters.parse({});
      // Stripes of two rows, read over both of the snapshot's connections in turn.
      const iterator = readExportRows(snapshot.readers, projectId, filters, { batchSize: 2 });
      for (let i = 0; i < 3; i++) seen.push((await iterator.next()).value as ExportRow);
      // Meanwhile reviewers keep working: an edit, a new approval, an un-approval, a deletion.
      await db.label.update({ where: { dataRowId: rows[6]!.id }, data: { caption: 'changed' } });
      await approveCaption(
        db,
        await submitCaption(db, rows[9]!, people, 'late'),
        people.reviewerId,
      );
      await db.label.update({ where: { dataRowId: rows[7]!.id }, data: { status: 'REJECTED' } });
      await db.dataRow.delete({ where: { id: rows[5]!.id } });
      for await (const row of iterator) seen.push(row);
      expect(await countExportRows(snapshot.client, projectId, filters)).toBe(8);
    } finally {
      await snapshot.close();
    }
    expect(seen).toEqual(before);
    expect(await readAll(projectId)).toHaveLength(7);
  });

  it('reads every connection of a snapshot as of the moment it was opened', async () => {
    const { projectId, rows } = await createCaptionedProject(db, team.teamId, 6);
    for (const row of rows.slice(0, 4)) {
      await approveCaption(db, await submitCaption(db, row, people, 'kept'), people.reviewerId);
    }
    const before = await readAll(projectId);
    const snapshot = await openExportSnapshot(databaseUrl);
    try {
      expect(snapshot.readers.length).toBeGreaterThan(1);
      // Changes made after the snapshot opened and before any row was read, on any connection.
      await db.label.updateMany({ where: { projectId }, data: { caption: 'changed later' } });
      await approveCaption(
        db,
        await submitCaption(db, rows[4]!, people, 'late'),
        people.reviewerId,
      );
      const seen: ExportRow[] = [];
      const filters = ExportFilters.parse({});
      for await (const row of readExportRows(snapshot.readers, projectId, filters, {
        batchSize: 1,
      })) {
        seen.push(row);
      }
      expect(seen).toEqual(before);
    } finally {
      await snapshot.close();
    }
  });
});
