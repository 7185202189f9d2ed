// A caption job survives a PostgreSQL restart in its middle: the batches that fail on the dropped
// connections are retried by the queue with backoff, and the job completes with every row
// written once. The PostgreSQL is this file's own.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue } from 'bullmq';
import {
  createCaptionQueue,
  createDb,
  enqueueCaptionBatches,
  planCaptionJob,
  type Db,
} from '@captionary/db';
import type { CaptionBatchPayload } from '@captionary/shared';
import type { Supervised } from '../../../../scripts/lib/processes';
import { buildTinyModelInTempDir } from '../helpers/tiny-model-dir';
import {
  createProjectWithRows,
  goodRows,
  requireServices,
  tempStorage,
  waitForJob,
} from './fixtures';
import { expectEveryRowSettledOnce } from './job-invariants';
import { startOwnPostgres, type OwnPostgres } from './own-services';
import { stopWorkers, superviseWorkers } from './supervised-workers';

const PARAMS = { maxNewTokens: 12, minNewTokens: 12, numBeams: 1 };
const ROWS = 400;
// Long enough that the batches in flight and the retries that follow all hit the closed port.
const OUTAGE_MS = 4000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('caption jobs across a PostgreSQL restart', () => {
  const { redisUrl } = requireServices();
  const prefix = `pg-restart-${randomUUID()}`;
  let postgres: OwnPostgres;
  let db: Db;
  let queue: Queue<CaptionBatchPayload>;
  let cleanupModel: () => Promise<void>;
  let workers: Supervised[] = [];
  let jobId: string;

  beforeAll(async () => {
    postgres = await startOwnPostgres();
    db = createDb(postgres.databaseUrl, { max: 4 });
    queue = createCaptionQueue(redisUrl, prefix);
    const model = await buildTinyModelInTempDir();
    cleanupModel = model.cleanup;
    const temp = tempStorage();
    const { project } = await createProjectWithRows(
      db,
      temp.storage,
      await goodRows(ROWS, 0, { width: 48, height: 48 }),
    );
    const plan = await planCaptionJob(db, {
      projectId: project.id,
      modelName: 'tiny-blip2',
      params: PARAMS,
    });
    await enqueueCaptionBatches(queue, plan.jobId, plan.batchIds);
    jobId = plan.jobId;
    workers = superviseWorkers(2, {
      DATABASE_URL: postgres.databaseUrl,
      REDIS_URL: redisUrl,
      MODEL_DIR: model.dir,
      STORAGE_DIR: temp.dir,
      QUEUE_PREFIX: prefix,
      WORKER_CONCURRENCY: '2',
    });
  });

  afterAll(async () => {
    await stopWorkers(workers);
    await queue?.obliterate({ force: true }).catch(() => {});
    await queue?.close();
    await db?.$disconnect();
    await postgres?.close();
    await cleanupModel?.();
  });

  const finishedRows = async () => {
    const job = await db.captionJob.findUniqueOrThrow({ where: { id: jobId } });
    return job.doneRows + job.failedRows;
  };

  it(
    'retries the batches cut off by the restart and completes the job',
    { timeout: 110_000 },
    async () => {
      while ((await finishedRows()) < 48) await sleep(100);

      await postgres.stop();
      await sleep(OUTAGE_MS);
      await postgres.start();
      expect(await finishedRows(), 'the restart lands mid-job').toBeLessThan(ROWS);

      const job = await waitForJob(db, jobId, 90_000);
      expect(job.status).toBe('COMPLETED');
      await expectEveryRowSettledOnce(db, jobId, { done: ROWS, failed: 0 });
      // Batches did fail on the lost connections and were retried. A worker that died during the
      // outage is restarted by the supervisor (which prints its last output) and the job still
      // completes exactly once per row, which is what the checks above hold.
      const completed = await queue.getJobs(['completed']);
      expect(completed.filter((entry) => entry.attemptsMade > 1).length).toBeGreaterThan(0);
    },
  );
});
