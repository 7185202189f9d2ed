import type { Db } from '@captionary/db';
import { GenerationParams } from '@captionary/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The worker's own batch write, so the test proves what production does.
import { writeBatchResults } from '../../../../../inference/src/jobs/write-batch-results';
import { createModelVersion } from '../../testing/caption-fixtures';
import { callerFor, testDb } from '../../testing/fixtures';
import { createReviewFixture } from '../../testing/review-fixtures';
import { claimNextItem } from './claim-queue';
import { readTransitionItem } from './transition-item';
import { submitItem } from './transitions';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

/** A second caption job's batch for `rowIds`, written as the worker writes it. */
async function arriveLatePredictions(projectId: string, rowIds: string[], caption: string) {
  const model = await createModelVersion(db);
  const params = GenerationParams.parse({});
  const job = await db.captionJob.create({
    data: {
      projectId,
      modelName: model.name,
      modelVersionId: model.id,
      params,
      status: 'RUNNING',
      totalRows: rowIds.length,
    },
  });
  const batch = await db.captionJobBatch.create({
    data: { jobId: job.id, seq: 0, status: 'RUNNING' },
  });
  await db.captionJobRow.createMany({
    data: rowIds.map((dataRowId) => ({ jobId: job.id, dataRowId, batchId: batch.id })),
  });
  await db.$transaction((tx) =>
    writeBatchResults(tx, {
      jobId: job.id,
      batchId: batch.id,
      modelVersionId: model.id,
      params,
      results: rowIds.map((dataRowId) => ({
        dataRowId,
        outcome: { caption, score: -0.5, tokens: 3, tokenIds: [1, 2, 3], ms: 10 },
      })),
    }),
  );
}

/** A review project with `rows` pre-labelled rows, and the first label item claimed by a labeler. */
async function claimLabelItem(rows: number) {
  const fixture = await createReviewFixture(db, { rows });
  const labeler = fixture.as('LABELER');
  const item = await claimNextItem(
    db,
    labeler,
    { projectId: fixture.projectId, stepId: 'label' },
    60_000,
  );
  if (!item) throw new Error('the label queue was empty');
  return { fixture, labeler, item };
}

describe('a prediction arriving after a human edit', () => {
  it('never replaces the human caption, but refreshes untouched pre-labels', async () => {
    const { fixture, labeler, item } = await claimLabelItem(2);
    await submitItem(db, labeler, {
      itemId: item.id,
      version: item.version,
      caption: 'a person wrote this',
    });

    await arriveLatePredictions(fixture.projectId, fixture.rowIds, 'a newer model caption');
    const labels = await db.label.findMany({
      where: { projectId: fixture.projectId },
      orderBy: { dataRow: { externalId: 'asc' } },
    });
    expect(labels.map((l) => [l.caption, l.createdById])).toEqual([
      ['a person wrote this', labeler.userId],
      ['a newer model caption', null],
    ]);
    // The person's item keeps its place in review; its history shows no model overwrite.
    const owner = callerFor(db, fixture.members.OWNER, fixture.teamId);
    const view = await owner.review.get({ itemId: item.id });
    expect(view.step.id).toBe('review');
    expect(view.history.map((r) => r.action)).toEqual(['PRELABEL', 'SUBMIT']);
  });

  it('lands between a submit’s read and its write: the submit reads again and records it', async () => {
    const { fixture, labeler, item } = await claimLabelItem(1);
    // The labeler kept the pre-label; a newer prediction replaces it after the submit read it.
    const read = await readTransitionItem(db, fixture.teamId, item.id);
    await arriveLatePredictions(fixture.projectId, fixture.rowIds, 'a newer model caption');
    const result = await submitItem(
      db,
      labeler,
      { itemId: item.id, version: item.version, caption: read.caption },
      read,
    );

    expect(result).toMatchObject({ version: item.version + 1, step: { id: 'review' } });
    const owner = callerFor(db, fixture.members.OWNER, fixture.teamId);
    const view = await owner.review.get({ itemId: item.id });
    // The revision's "before" is the caption the write replaced, not the one first read.
    const submit = view.history.find((revision) => revision.action === 'SUBMIT')!;
    expect(submit).toMatchObject({ before: 'a newer model caption', after: read.caption });
    expect(view.history.map((r) => r.action)).toEqual(['PRELABEL', 'PRELABEL', 'SUBMIT']);
  });
});
