// The worker as a process (`src/main.ts`), the way `npm start` and deployments run it: a worker
// killed with SIGKILL mid-job loses nothing (another worker takes over its stalled batch without
// duplicating predictions), and SIGTERM drains the batches in flight before exiting.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue } from 'bullmq';
import {
  createCaptionQueue,
  enqueueCaptionBatches,
  planCaptionJob,
  type Db,
  type ObjectStorage,
} from '@captionary/db';
import type { CaptionBatchPayload } from '@captionary/shared';
import { buildTinyModelInTempDir } from '../helpers/tiny-model-dir';
import {
  createProjectWithRows,
  goodRows,
  openDb,
  requireServices,
  tempStorage,
  waitForJob,
} from './fixtures';

const INFERENCE_DIR = fileURLToPath(new URL('../..', import.meta.url));
// Slow enough per batch that signals land while work is in flight.
const PARAMS = { maxNewTokens: 30, minNewTokens: 20, numBeams: 5 };

describe('worker process', () => {
  const services = requireServices();
  const prefix = `proc-${randomUUID()}`;
  let db: Db;
  let storage: ObjectStorage;
  let storageDir: string;
  let modelDir: string;
  let cleanupModel: () => Promise<void>;
  let queue: Queue<CaptionBatchPayload>;
  const children: ChildProcess[] = [];

  function startWorker(settings: Record<string, string> = {}): ChildProcess {
    // One process (node with tsx's loader), so a signal reaches the worker itself.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: INFERENCE_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATABASE_URL: services.databaseUrl,
        REDIS_URL: services.redisUrl,
        MODEL_DIR: modelDir,
        STORAGE_DIR: storageDir,
        QUEUE_PREFIX: prefix,
        EXECUTION_PROVIDERS: 'cpu',
        INFERENCE_THREADS: '1',
        WORKER_CONCURRENCY: '1',
        BATCH_LOCK_MS: '2000',
        ...settings,
      },
    });
    child.stdout!.resume();
    child.stderr!.resume();
    children.push(child);
    return child;
  }

  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  async function until(check: () => Promise<boolean>, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not reached in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    db = openDb();
    ({ storage, dir: storageDir } = tempStorage());
    const model = await buildTinyModelInTempDir();
    modelDir = model.dir;
    cleanupModel = model.cleanup;
    queue = createCaptionQueue(services.redisUrl, prefix);
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await queue?.obliterate({ force: true }).catch(() => {});
    await queue?.close();
    await db?.$disconnect();
    await cleanupModel?.();
  });

  it('recovers the batch of a worker killed with SIGKILL, without duplicate predictions', async () => {
    const { project } = await createProjectWithRows(db, storage, await goodRows(48, 1000));
    const plan = await planCaptionJob(db, {
      projectId: project.id,
      modelName: 'tiny-blip2',
      params: PARAMS,
      batchSize: 4,
    });
    await enqueueCaptionBatches(queue, plan.jobId, plan.batchIds);
    const doomed = startWorker();
    await until(
      async () =>
        (await db.captionJobBatch.count({ where: { jobId: plan.jobId, status: 'RUNNING' } })) > 0,
    );
    const progressAtKill = await db.captionJob.findUniqueOrThrow({ where: { id: plan.jobId } });
    doomed.kill('SIGKILL');
    await exited(doomed);
    expect(progressAtKill.doneRows, 'the kill must land mid-job').toBeLessThan(48);

    startWorker();
    const job = await waitForJob(db, plan.jobId, 90_000);
    expect(job).toMatchObject({ status: 'COMPLETED', doneRows: 48, failedRows: 0 });
    expect(await db.prediction.count({ where: { jobId: plan.jobId } })).toBe(48);
    expect(
      await db.captionJobRow.count({ where: { jobId: plan.jobId, status: { not: 'DONE' } } }),
    ).toBe(0);
  });

  it('finishes the batches in flight on SIGTERM, then exits cleanly', async () => {
    for (const child of children) child.kill('SIGKILL');
    const { project } = await createProjectWithRows(db, storage, await goodRows(40, 2000));
    const plan = await planCaptionJob(db, {
      projectId: project.id,
      modelName: 'tiny-blip2',
      params: PARAMS,
      batchSize: 4,
    });
    await enqueueCaptionBatches(queue, plan.jobId, plan.batchIds);
    // Two batches at a time, so the drain has more than one to finish.
    const worker = startWorker({ WORKER_CONCURRENCY: '2' });
    let held: string[] = [];
    await until(async () => {
      const running = await db.captionJobBatch.findMany({
        where: { jobId: plan.jobId, status: 'RUNNING' },
        select: { id: true },
      });
      held = running.map((batch) => batch.id);
      return held.length > 0;
    });
    worker.kill('SIGTERM');
    expect(await exited(worker)).toBe(0);

    // The batches it held were finished and written, and their queue entries completed.
    const batches = await db.captionJobBatch.findMany({ where: { jobId: plan.jobId } });
    const done = batches.filter((batch) => batch.status === 'DONE').map((batch) => batch.id);
    expect(batches.filter((batch) => batch.status === 'RUNNING')).toEqual([]);
    expect(done).toEqual(expect.arrayContaining(held));
    expect(done.length).toBeLessThan(plan.batchIds.length);
    for (const id of done) expect(await queue.getJobState(id)).toBe('completed');
    const job = await db.captionJob.findUniqueOrThrow({ where: { id: plan.jobId } });
    expect(job.doneRows).toBe(done.length * 4);
    expect(await db.prediction.count({ where: { jobId: plan.jobId } })).toBe(done.length * 4);
    // Nothing else was taken and dropped: every other batch still waits in the queue.
    const rest = plan.batchIds.filter((id) => !done.includes(id));
    for (const id of rest) expect(await queue.getJobState(id)).toBe('waiting');

    startWorker();
    const finished = await waitForJob(db, plan.jobId, 90_000);
    expect(finished).toMatchObject({ status: 'COMPLETED', doneRows: 40 });
    expect(await db.prediction.count({ where: { jobId: plan.jobId } })).toBe(40);
  });
});
