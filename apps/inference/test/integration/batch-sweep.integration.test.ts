// The sweep that keeps Redis in line with Postgres: open batches whose queue entries are gone are
// enqueued again, and a batch the queue gave up on is settled with its rows failed, so the job
// ends. Real PostgreSQL and Redis, a queue prefix of this file's own.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnrecoverableError, Worker, type Queue } from 'bullmq';
import {
  cancelCaptionJob,
  createCaptionQueue,
  enqueueCaptionBatches,
  planCaptionJob,
  redisConnection,
  retryFailedRows,
  sweepCaptionBatches,
  type Db,
  type ObjectStorage,
} from '@captionary/db';
import { CAPTION_BATCH_QUEUE, type CaptionBatchPayload } from '@captionary/shared';
import { createProjectWithRows, goodRows, openDb, requireServices, tempStorage } from './fixtures';

const PARAMS = { maxNewTokens: 4, minNewTokens: 0, numBeams: 1 };

describe('caption batch sweep', () => {
  const { redisUrl } = requireServices();
  let db: Db;
  let storage: ObjectStorage;
  const queues: Queue<CaptionBatchPayload>[] = [];

  beforeAll(() => {
    db = openDb();
    storage = tempStorage().storage;
  });

  afterAll(async () => {
    for (const queue of queues) {
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
    }
    await db?.$disconnect();
  });

  /** A queue prefix of the test's own. The sweep reads every running job in the database, so
   *  counts are asserted for this test's batches only. */
  function ownQueue() {
    const queue = createCaptionQueue(redisUrl, `sweep-${randomUUID()}`);
    queues.push(queue);
    return queue;
  }

  async function plannedJob(rows: number) {
    const { project } = await createProjectWithRows(
      db,
      storage,
      await goodRows(rows, 0, { width: 16, height: 16 }),
    );
    return planCaptionJob(db, {
      projectId: project.id,
      modelName: 'tiny-blip2',
      params: PARAMS,
      batchSize: 2,
    });
  }

  it('enqueues again the open batches whose queue entries were lost', async () => {
    const queue = ownQueue();
    const plan = await plannedJob(8);
    await enqueueCaptionBatches(queue, plan.jobId, plan.batchIds);
    const [lostA, lostB] = plan.batchIds;
    await queue.remove(lostA!);
    await queue.remove(lostB!);
    expect(await queue.getJobState(lostA!)).toBe('unknown');

    const swept = await sweepCaptionBatches(db, queue);
    expect(swept.requeued).toBeGreaterThanOrEqual(2);
    expect(swept.abandoned).toBe(0);
    const states = await Promise.all(plan.batchIds.map((id) => queue.getJobState(id)));
    expect(states).toEqual(['waiting', 'waiting', 'waiting', 'waiting']);
    const requeued = await queue.getJob(lostA!);
    expect(requeued?.data).toEqual({ jobId: plan.jobId, batchId: lostA });
    // Nothing left to repair: a second sweep changes nothing.
    expect(await sweepCaptionBatches(db, queue)).toEqual({ requeued: 0, abandoned: 0 });
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: swept.requeued + 2 });

    await cancelCaptionJob(db, plan.jobId);
  });

  it('fails the pending rows of a batch the queue gave up on, and closes the job', async () => {
    const queue = ownQueue();
    const plan = await plannedJob(4);
    await enqueueCaptionBatches(queue, plan.jobId, plan.batchIds);
    // A consumer whose every attempt is final, as when retries run out while Postgres is away.
    const failing = new Worker<CaptionBatchPayload>(
      CAPTION_BATCH_QUEUE,
      async () => {
        throw new UnrecoverableError('database unreachable');
      },
      { connection: redisConnection(redisUrl, { worker: true }), prefix: queue.opts.prefix },
    );
    try {
      const deadline = Date.now() + 20_000;
      while ((await queue.getFailedCount()) < plan.batchIds.length) {
        if (Date.now() > deadline) throw new Error('the batches did not fail in time');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await failing.close();
    }

    expect((await sweepCaptionBatches(db, queue)).abandoned).toBe(2);
    const job = await db.captionJob.findUniqueOrThrow({ where: { id: plan.jobId } });
    expect(job).toMatchObject({ status: 'COMPLETED', doneRows: 0, failedRows: 4 });
    const rows = await db.captionJobRow.findMany({ where: { jobId: plan.jobId } });
    expect(rows.map((row) => row.status)).toEqual(['FAILED', 'FAILED', 'FAILED', 'FAILED']);
    for (const row of rows)
      expect(row.error).toBe('gave up after 1 attempt(s): database unreachable');
    expect((await sweepCaptionBatches(db, queue)).abandoned).toBe(0);

    // The failed rows can be retried like any others.
    expect(await retryFailedRows(db, plan.jobId, 2)).toHaveLength(2);
    await cancelCaptionJob(db, plan.jobId);
  });
});
