/**
 * Figure (c) of `npm run bench:inference`: the whole platform path — BullMQ queue → image load
 * from storage → sharp preprocessing → model → Postgres write (predictions, row states,
 * pre-labels, counters) → job progress — with NoopCaptionModel in place of BLIP-2, so the figure
 * is the platform's own overhead: what it can feed a GPU per second at most.
 * It runs on a throwaway database on the local (or embedded) PostgreSQL and on the local Redis.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCaptionQueue,
  createDb,
  enqueueCaptionBatches,
  ObjectStorage,
  planCaptionJob,
} from '@captionary/db';
import { applyMigrations } from '@captionary/db/migrate';
import { defaultWorkflow } from '@captionary/shared';
import { startServices } from '../../../scripts/lib/services';
import { startCaptionBatchWorker } from '../src/queue/caption-batch-worker';
import type { PreprocessorConfig } from '../src/preprocess/preprocessor-config';
import { CaptionPool } from '../src/runtime/caption-pool';
import { measureThroughput, type Throughput } from './throughput';

export interface PlatformPathOptions {
  /** Rows in the job (the image files are reused round-robin). */
  rows: number;
  batchSize: number;
  poolSize: number;
  concurrency: number;
  /**
   * With the model's preprocessor config, each image is decoded and preprocessed as for the real
   * model; without, the model gets the file's bytes untouched, which leaves out JPEG decoding: the
   * rest of the path on its own.
   */
  preprocessorConfig?: PreprocessorConfig;
}

export async function measurePlatformPath(
  imageFiles: readonly string[],
  { rows, batchSize, poolSize, concurrency, preprocessorConfig }: PlatformPathOptions,
): Promise<Throughput> {
  const services = await startServices({
    database: `captionary_bench_${process.pid}`,
    throwaway: true,
    log: () => {},
  });
  const storageDir = await mkdtemp(join(tmpdir(), 'captionary-bench-storage-'));
  const db = createDb(services.databaseUrl, { max: concurrency + 2 });
  const prefix = `bench-${randomUUID()}`;
  const queue = createCaptionQueue(services.redisUrl, prefix);
  const pool = await CaptionPool.start({
    model: { kind: 'noop', ...(preprocessorConfig && { preprocessorConfig }) },
    size: poolSize,
  });
  try {
    await applyMigrations(services.databaseUrl, { log: () => {} });
    const storage = new ObjectStorage(storageDir);
    const images = await Promise.all(imageFiles.map((file) => readFile(file)));
    const team = await db.team.create({ data: { name: 'Bench', slug: prefix } });
    const project = await db.project.create({
      data: { teamId: team.id, name: 'Bench', workflowConfig: defaultWorkflow() },
    });
    const keys = images.map((_, i) => `projects/${project.id}/rows/${i}.jpg`);
    await Promise.all(images.map((image, i) => storage.write(keys[i]!, image)));
    const rowIndexes = Array.from({ length: rows }, (_, i) => i);
    await db.$executeRaw`
      INSERT INTO "DataRow" ("projectId", "externalId", "sourceUri", "storageKey", sha256, "mimeType", "byteSize", width, height)
      SELECT ${project.id}::uuid, 'row-' || i, 'row-' || i, k, ${createHash('sha256').update('bench').digest('hex')},
             'image/jpeg', 1, 640, 480
      FROM unnest(${rowIndexes}::int[], ${rowIndexes.map((i) => keys[i % keys.length]!)}::text[]) AS t(i, k)`;
    const modelVersion = await db.modelVersion.create({
      data: { name: 'noop', checksum: prefix, tiny: true },
    });
    const plan = await planCaptionJob(db, {
      projectId: project.id,
      modelName: 'noop',
      params: { maxNewTokens: 30, minNewTokens: 0, numBeams: 1 },
      batchSize,
    });

    const { worker } = startCaptionBatchWorker(
      { db, storage, captioner: pool, modelVersionId: modelVersion.id },
      { redisUrl: services.redisUrl, concurrency, prefix },
    );
    const throughput = await measureThroughput(rows, async () => {
      await enqueueCaptionBatches(queue, plan.jobId, plan.batchIds);
      for (;;) {
        const job = await db.captionJob.findUniqueOrThrow({ where: { id: plan.jobId } });
        if (job.status === 'COMPLETED') {
          if (job.doneRows !== rows)
            throw new Error(`only ${job.doneRows} of ${rows} rows captioned`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    await worker.close();
    return throughput;
  } finally {
    await pool.close();
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    await db.$disconnect();
    await services.stop();
    await rm(storageDir, { recursive: true, force: true });
  }
}
