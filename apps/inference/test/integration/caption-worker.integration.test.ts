// The worker against the real PostgreSQL, Redis and the tiny ONNX model: a job planned in Postgres
// and enqueued on BullMQ ends with one prediction per good image, a failed row with a reason per
// bad one, pre-labels in the workflow, and counters that replays cannot inflate.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue } from 'bullmq';
import {
  cancelCaptionJob,
  createCaptionQueue,
  describeProgress,
  retryFailedRows,
  enqueueCaptionBatches,
  planCaptionJob,
  type Db,
  type ObjectStorage,
  type PlanCaptionJobInput,
} from '@captionary/db';
import { GenerationParams, type CaptionBatchPayload } from '@captionary/shared';
import { processCaptionBatch } from '../../src/jobs/process-caption-batch';
import { registerModelVersion } from '../../src/model/register-model-version';
import { startCaptionBatchWorker } from '../../src/queue/caption-batch-worker';
import { CaptionPool } from '../../src/runtime/caption-pool';
import { buildTinyModelInTempDir } from '../helpers/tiny-model-dir';
import {
  createProjectWithRows,
  goodRows,
  openDb,
  requireServices,
  tempStorage,
  waitForJob,
} from './fixtures';

const PARAMS = { maxNewTokens: 12, minNewTokens: 0, numBeams: 1 };

describe('caption batch worker', () => {
  const { redisUrl } = requireServices();
  const prefix = `test-${randomUUID()}`;
  let db: Db;
  let storage: ObjectStorage;
  let pool: CaptionPool;
  let modelVersionId: string;
  let queue: Queue<CaptionBatchPayload>;
  let worker: ReturnType<typeof startCaptionBatchWorker>['worker'];
  let cleanupModel: () => Promise<void>;

  beforeAll(async () => {
    db = openDb();
    storage = tempStorage().storage;
    const model = await buildTinyModelInTempDir();
    cleanupModel = model.cleanup;
    pool = await CaptionPool.start({
      model: { kind: 'onnx', modelDir: model.dir, executionProviders: ['cpu'] },
    });
    modelVersionId = await registerModelVersion(db, pool.info);
    queue = createCaptionQueue(redisUrl, prefix);
    worker = startCaptionBatchWorker(
      { db, storage, captioner: pool, modelVersionId },
      { redisUrl, concurrency: 2, prefix },
    ).worker;
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.obliterate({ force: true }).catch(() => {});
    await queue?.close();
    await pool?.close();
    await db?.$disconnect();
    await cleanupModel?.();
  });

  /** Plans a job over the project with this pool's model and PARAMS, unless `input` says otherwise. */
  const planJob = (projectId: string, input: Partial<PlanCaptionJobInput> = {}) =>
    planCaptionJob(db, { projectId, modelName: pool.info.name, params: PARAMS, ...input });

  /** Puts a planned job's batches on the queue and waits for the worker to settle the job. */
  async function runJob({ jobId, batchIds }: { jobId: string; batchIds: string[] }) {
    await enqueueCaptionBatches(queue, jobId, batchIds);
    return waitForJob(db, jobId);
  }

  it('captions good images, fails bad ones with a reason, and completes the job', async () => {
    const rows = [
      ...(await goodRows(5)),
      { name: 'truncated.jpg', bytes: (await goodRows(1, 50))[0]!.bytes!.subarray(0, 300) },
      { name: 'empty.jpg', bytes: Buffer.alloc(0) },
      { name: 'text.jpg', bytes: Buffer.from('this is not an image at all\n') },
      {
        name: 'image.svg',
        bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
      },
      { name: 'missing.jpg', bytes: null },
    ];
    const { project, dataRows } = await createProjectWithRows(db, storage, rows);
    const plan = await planJob(project.id, { batchSize: 4 });
    expect(plan.totalRows).toBe(10);
    expect(plan.batchIds).toHaveLength(3);
    const job = await runJob(plan);
    expect(job).toMatchObject({
      status: 'COMPLETED',
      totalRows: 10,
      doneRows: 5,
      failedRows: 5,
      modelVersionId,
    });

    const predictions = await db.prediction.findMany({ where: { jobId: plan.jobId } });
    expect(predictions).toHaveLength(5);
    for (const prediction of predictions) {
      expect(prediction.caption.length).toBeGreaterThan(0);
      expect(prediction.score).toBeLessThan(0);
      expect(prediction.modelVersionId).toBe(modelVersionId);
      // The worker's resize mode is part of the provenance: it shapes the pixels the model saw.
      expect(prediction.params).toEqual({ ...GenerationParams.parse(PARAMS), resize: 'fast' });
    }
    const failures = await db.captionJobRow.findMany({
      where: { jobId: plan.jobId, status: 'FAILED' },
      include: { dataRow: true },
    });
    const reasons = Object.fromEntries(failures.map((f) => [f.dataRow.externalId, f.error]));
    expect(reasons['truncated.jpg']).toMatch(/undecodable/);
    expect(reasons['empty.jpg']).toBe('empty: zero-byte input'); // the reason once, then the detail
    expect(reasons['text.jpg']).toMatch(/undecodable|unsupported/);
    expect(reasons['image.svg']).toBe('unsupported-format: format svg is not allowed');
    expect(reasons['missing.jpg']).toMatch(/image unavailable/);

    // Each prediction became the draft caption of its row, at the workflow's first step.
    const goodIds = dataRows.slice(0, 5).map((r) => r.id);
    const labels = await db.label.findMany({
      where: { dataRowId: { in: goodIds } },
      include: { revisions: true },
    });
    expect(labels).toHaveLength(5);
    for (const label of labels) {
      const prediction = predictions.find((p) => p.dataRowId === label.dataRowId)!;
      expect(label).toMatchObject({
        caption: prediction.caption,
        status: 'DRAFT',
        sourcePredictionId: prediction.id,
      });
      expect(label.revisions.map((r) => r.action)).toEqual(['PRELABEL']);
    }
    const items = await db.workItem.findMany({ where: { projectId: project.id } });
    expect(items.map((i) => i.stepId).sort()).toEqual(Array(5).fill('label'));
  });

  it('writes nothing twice when a finished batch is delivered again', async () => {
    const { project } = await createProjectWithRows(db, storage, await goodRows(3, 100));
    const plan = await planJob(project.id);
    const context = { db, storage, captioner: pool, modelVersionId };
    const payload = { jobId: plan.jobId, batchId: plan.batchIds[0]! };
    expect(await processCaptionBatch(context, payload)).toBe('done');
    // A redelivery after a crash finds the batch marked running again; its rows are already done.
    await db.captionJobBatch.update({
      where: { id: payload.batchId },
      data: { status: 'RUNNING' },
    });
    expect(await processCaptionBatch(context, payload)).toBe('done');
    const job = await db.captionJob.findUniqueOrThrow({ where: { id: plan.jobId } });
    expect(job).toMatchObject({ doneRows: 3, failedRows: 0, status: 'COMPLETED' });
    expect(await db.prediction.count({ where: { jobId: plan.jobId } })).toBe(3);
    expect(await db.labelRevision.count({ where: { label: { projectId: project.id } } })).toBe(3);
  });

  it('skips rows already captioned with the same model and params unless forced', async () => {
    const { project } = await createProjectWithRows(db, storage, await goodRows(2, 200));
    const first = await planJob(project.id);
    await runJob(first);

    const again = await planJob(project.id);
    expect(again).toMatchObject({ totalRows: 0, skippedRows: 2, batchIds: [] });
    expect((await db.captionJob.findUniqueOrThrow({ where: { id: again.jobId } })).status).toBe(
      'COMPLETED',
    );

    const otherParams = await planJob(project.id, { params: { ...PARAMS, numBeams: 2 } });
    expect(otherParams.totalRows).toBe(2);
    const forced = await planJob(project.id, { force: true });
    expect(forced.totalRows).toBe(2);
  });

  it('never replaces a caption a person edited, and honours cancel between batches', async () => {
    const { project, dataRows } = await createProjectWithRows(db, storage, await goodRows(4, 300));
    const first = await planJob(project.id);
    await runJob(first);
    const user = await db.user.create({
      data: { email: `editor-${randomUUID()}@example.com`, name: 'Editor', passwordHash: 'x' },
    });
    const edited = await db.label.update({
      where: { dataRowId: dataRows[0]!.id },
      data: { caption: 'a person wrote this', createdById: user.id, version: { increment: 1 } },
    });

    const rerun = await planJob(project.id, { force: true, batchSize: 2 });
    await runJob(rerun);
    const after = await db.label.findUniqueOrThrow({ where: { id: edited.id } });
    expect(after.caption).toBe('a person wrote this');
    expect(after.version).toBe(edited.version);

    // Cancelled before any worker takes it: every batch is dropped, nothing is predicted.
    const cancelled = await planJob(project.id, {
      params: { ...PARAMS, maxNewTokens: 5 },
      batchSize: 2,
    });
    await db.captionJob.update({ where: { id: cancelled.jobId }, data: { status: 'CANCELLING' } });
    const job = await runJob(cancelled);
    expect(job.status).toBe('CANCELLED');
    expect(await db.prediction.count({ where: { jobId: cancelled.jobId } })).toBe(0);
    expect(
      await db.captionJobBatch.count({ where: { jobId: cancelled.jobId, status: 'CANCELLED' } }),
    ).toBe(2);
  });

  it('retries only the failed rows, and the job completes once their images are back', async () => {
    const rows = [...(await goodRows(3, 400)), { name: 'late.jpg', bytes: null }];
    const { project } = await createProjectWithRows(db, storage, rows);
    const plan = await planJob(project.id);
    expect(await runJob(plan)).toMatchObject({ doneRows: 3, failedRows: 1 });

    await storage.write(
      `projects/${project.id}/rows/late.jpg`,
      (await goodRows(1, 450))[0]!.bytes!,
    );
    const retryBatches = await retryFailedRows(db, plan.jobId);
    expect(retryBatches).toHaveLength(1);
    const job = await runJob({ jobId: plan.jobId, batchIds: retryBatches });
    expect(job).toMatchObject({ status: 'COMPLETED', doneRows: 4, failedRows: 0 });
    expect(describeProgress(job).counts).toEqual({
      total: 4,
      done: 4,
      failed: 0,
      skipped: 0,
      pending: 0,
    });
    expect(await db.prediction.count({ where: { jobId: plan.jobId } })).toBe(4);
    expect(await retryFailedRows(db, plan.jobId)).toEqual([]);
  });

  it('cancels a queued job at once when no batch is in flight', async () => {
    const { project } = await createProjectWithRows(db, storage, await goodRows(4, 500));
    const plan = await planJob(project.id, { batchSize: 1 });
    expect(await cancelCaptionJob(db, plan.jobId)).toBe(true);
    const job = await db.captionJob.findUniqueOrThrow({ where: { id: plan.jobId } });
    expect(job.status).toBe('CANCELLED');
    expect(await cancelCaptionJob(db, plan.jobId)).toBe(false);
    // Batches already on the queue are dropped by the worker without captioning.
    await enqueueCaptionBatches(queue, plan.jobId, plan.batchIds);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await db.prediction.count({ where: { jobId: plan.jobId } })).toBe(0);
  });
});
