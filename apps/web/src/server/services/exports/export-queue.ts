// The exports queue: the exports page enqueues one job per background export, and a worker in
// the jobs process writes the file (see export-worker.ts).
import { redisConnection } from '@captionary/db';
import { EXPORT_QUEUE, ExportJobProgress, type ExportJobPayload } from '@captionary/shared';
import { Queue } from 'bullmq';
import { serverEnv } from '../../../env';

/** Name of the repeating job that deletes expired export files (see export-retention.ts). */
export const EXPORT_RETENTION_SWEEP_JOB = 'export-retention-sweep';
/** How often expired files are looked for: files live days, so an hour late is no harm. */
const EXPORT_RETENTION_SWEEP_EVERY_MS = 60 * 60 * 1000;

export function createExportQueue(redisUrl: string, prefix?: string): Queue<ExportJobPayload> {
  return new Queue<ExportJobPayload>(EXPORT_QUEUE, {
    connection: redisConnection(redisUrl),
    prefix,
  });
}

/** The export id is the job id, so enqueueing the same export twice is a no-op. */
export async function enqueueExport(
  queue: Queue<ExportJobPayload>,
  payload: ExportJobPayload,
): Promise<void> {
  await queue.add('export', payload, {
    jobId: payload.exportId,
    // One retry for a crash or a lost lock; a rerun rewrites the whole file from a new snapshot.
    attempts: 2,
    backoff: { type: 'fixed', delay: 5_000 },
    removeOnComplete: 1000,
    removeOnFail: 5000,
  });
}

/**
 * Schedules the retention sweep. The scheduler lives in Redis, so several jobs processes share
 * one sweep an hour rather than one each.
 */
export async function scheduleExportRetentionSweep(queue: Queue<ExportJobPayload>): Promise<void> {
  await queue.upsertJobScheduler(
    EXPORT_RETENTION_SWEEP_JOB,
    { every: EXPORT_RETENTION_SWEEP_EVERY_MS },
    { name: EXPORT_RETENTION_SWEEP_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } },
  );
}

/** The running export's progress as its worker last reported it, or null. */
export async function readExportProgress(
  queue: Queue<ExportJobPayload>,
  exportId: string,
): Promise<ExportJobProgress | null> {
  const job = await queue.getJob(exportId);
  const parsed = ExportJobProgress.safeParse(job?.progress);
  return parsed.success ? parsed.data : null;
}

const holder = globalThis as typeof globalThis & {
  captionaryExportQueue?: Queue<ExportJobPayload>;
};

/** The process's exports producer; enqueueing fails at once while Redis is down. */
export function getExportQueue(): Queue<ExportJobPayload> {
  if (!holder.captionaryExportQueue) {
    const env = serverEnv();
    const queue = createExportQueue(env.REDIS_URL, env.QUEUE_PREFIX);
    let lastLogged = 0;
    queue.on('error', (error: Error) => {
      if (Date.now() - lastLogged < 60_000) return;
      lastLogged = Date.now();
      console.error(`export queue: ${error.message}`);
    });
    holder.captionaryExportQueue = queue;
  }
  return holder.captionaryExportQueue;
}
