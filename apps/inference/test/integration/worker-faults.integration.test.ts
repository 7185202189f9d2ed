// Caption jobs survive the faults of a real deployment. Workers run as `npm start` runs them (the
// real process under the same supervisor) against a Redis this file owns, so the test can restart
// it: five SIGKILLs of working workers at random points plus a Redis restart in the middle of a
// 1,000-row job, and a Redis that comes back empty. Either way every row ends exactly once.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  enqueueCaptionBatches,
  planCaptionJob,
  redisConnection,
  type Db,
  type ObjectStorage,
} from '@captionary/db';
import {
  CAPTION_BATCH_QUEUE,
  WORKER_HEARTBEAT_PREFIX,
  WorkerHeartbeat,
  type CaptionBatchPayload,
} from '@captionary/shared';
import type { Supervised } from '../../../../scripts/lib/processes';
import { buildTinyModelInTempDir } from '../helpers/tiny-model-dir';
import { createProjectWithRows, goodRows, openDb, tempStorage, waitForJob } from './fixtures';
import { expectEveryRowSettledOnce } from './job-invariants';
import { startOwnRedis, type OwnRedis } from './own-services';
import { stopWorkers, superviseWorkers, type WorkerSettings } from './supervised-workers';

const PARAMS = { maxNewTokens: 12, minNewTokens: 12, numBeams: 1 };
// Small originals keep 1,000 rows quick to create and to decode.
const SMALL = { width: 48, height: 48 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomBetween = (min: number, max: number) => min + Math.random() * (max - min);

describe('caption jobs under worker kills and Redis restarts', () => {
  let db: Db;
  let storage: ObjectStorage;
  let redis: OwnRedis;
  let heartbeats: Redis;
  let settings: Omit<WorkerSettings, 'QUEUE_PREFIX'> & Record<string, string>;
  let cleanupModel: () => Promise<void>;
  const queues: Queue<CaptionBatchPayload>[] = [];
  const workers: Supervised[] = [];

  beforeAll(async () => {
    db = openDb();
    const temp = tempStorage();
    storage = temp.storage;
    const model = await buildTinyModelInTempDir();
    cleanupModel = model.cleanup;
    redis = await startOwnRedis();
    heartbeats = new Redis(redis.url, { maxRetriesPerRequest: null });
    heartbeats.on('error', () => {}); // refused while the test restarts Redis; it reconnects
    settings = {
      DATABASE_URL: process.env.DATABASE_URL!,
      REDIS_URL: redis.url,
      MODEL_DIR: model.dir,
      STORAGE_DIR: temp.dir,
      // A killed worker's batches go back to the queue about two seconds after its last renewal.
      BATCH_LOCK_MS: '2000',
      WORKER_CONCURRENCY: '2',
    };
  });

  afterEach(() => stopWorkers(workers.splice(0)));

  afterAll(async () => {
    for (const queue of queues) await queue.close();
    heartbeats?.disconnect();
    await redis?.close();
    await db?.$disconnect();
    await cleanupModel?.();
  });

  async function launch(rowCount: number, prefix: string) {
    const rows = await goodRows(rowCount, 0, SMALL);
    const { project } = await createProjectWithRows(db, storage, rows);
    const plan = await planCaptionJob(db, {
      projectId: project.id,
      modelName: 'tiny-blip2',
      params: PARAMS,
    });
    // A connection that waits out the Redis restarts (the web app's producer fails fast instead).
    const queue = new Queue<CaptionBatchPayload>(CAPTION_BATCH_QUEUE, {
      connection: redisConnection(redis.url, { worker: true }),
      prefix,
    });
    queues.push(queue);
    await enqueueCaptionBatches(queue, plan.jobId, plan.batchIds);
    return { plan, queue };
  }

  const finishedRows = async (jobId: string) => {
    const job = await db.captionJob.findUniqueOrThrow({ where: { id: jobId } });
    return job.doneRows + job.failedRows;
  };

  async function until(check: () => Promise<boolean>, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not reached in time');
      await sleep(100);
    }
  }

  /** Supervised workers whose current process is taking batches (it has published a heartbeat). */
  async function workingWorkers(): Promise<Supervised[]> {
    const keys = await heartbeats.keys(`${WORKER_HEARTBEAT_PREFIX}*`);
    const values = keys.length ? await heartbeats.mget(keys) : [];
    const pids = new Set(
      values.flatMap((value) => (value ? [WorkerHeartbeat.parse(JSON.parse(value)).pid] : [])),
    );
    return workers.filter((worker) => {
      const child = worker.current();
      return child.exitCode === null && child.signalCode === null && pids.has(child.pid!);
    });
  }

  it(
    'finishes a 1,000-row job through five worker SIGKILLs and a Redis restart',
    { timeout: 110_000 },
    async () => {
      const prefix = `faults-${randomUUID()}`;
      const { plan, queue } = await launch(1000, prefix);
      workers.push(...superviseWorkers(2, { ...settings, QUEUE_PREFIX: prefix }));

      // Each kill lands at a random point of its own stretch of the job, so all five land while
      // rows are still pending, however fast this machine captions.
      const finishedAtKills: number[] = [];
      for (let kill = 1; kill <= 5; kill++) {
        const killAt = Math.round(randomBetween(kill * 150 - 100, kill * 150));
        let working: Supervised[] = [];
        await until(
          async () =>
            (await finishedRows(plan.jobId)) >= killAt &&
            (working = await workingWorkers()).length > 0,
        );
        const victim = working[Math.floor(Math.random() * working.length)]!.current();
        const exited = new Promise((resolve) => victim.once('exit', resolve));
        victim.kill('SIGKILL');
        await exited;
        finishedAtKills.push(await finishedRows(plan.jobId));
        if (kill === 3) {
          await redis.restart();
          // The append-only file brought every queue entry back.
          const states = await Promise.all(plan.batchIds.map((id) => queue.getJobState(id)));
          expect(states.filter((state) => state === 'unknown')).toEqual([]);
        }
      }
      expect(Math.max(...finishedAtKills), 'every kill lands mid-job').toBeLessThan(1000);
      expect(workers.reduce((sum, worker) => sum + worker.restarts(), 0)).toBe(5);

      const job = await waitForJob(db, plan.jobId, 90_000);
      expect(job.status).toBe('COMPLETED');
      await expectEveryRowSettledOnce(db, plan.jobId, { done: 1000, failed: 0 });
    },
  );

  it(
    'requeues the open batches from Postgres when Redis comes back empty',
    { timeout: 100_000 },
    async () => {
      const prefix = `faults-${randomUUID()}`;
      const { plan, queue } = await launch(400, prefix);
      workers.push(
        ...superviseWorkers(2, { ...settings, QUEUE_PREFIX: prefix, QUEUE_SWEEP_MS: '1000' }),
      );
      await until(async () => (await finishedRows(plan.jobId)) >= 32);

      const lostAt = Date.now();
      await redis.restart({ loseData: true });
      expect(await finishedRows(plan.jobId), 'the loss lands mid-job').toBeLessThan(200);

      const job = await waitForJob(db, plan.jobId, 90_000);
      expect(job.status).toBe('COMPLETED');
      await expectEveryRowSettledOnce(db, plan.jobId, { done: 400, failed: 0 });
      // Every queue entry now was made after the loss: the sweep re-created them from Postgres.
      const entries = await queue.getJobs(['completed', 'failed', 'active', 'wait', 'delayed']);
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.filter((entry) => entry.timestamp < lostAt)).toEqual([]);
      expect(workers.reduce((sum, worker) => sum + worker.restarts(), 0)).toBe(0);
    },
  );
});
