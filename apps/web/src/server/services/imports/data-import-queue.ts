// The data-imports queue: the web app enqueues one job per background import run, and a worker
// in the jobs process runs it (see data-import-worker.ts).
import { redisConnection } from '@captionary/db';
import { DATA_IMPORT_QUEUE, type DataImportPayload } from '@captionary/shared';
import { Queue } from 'bullmq';

export function createDataImportQueue(redisUrl: string, prefix?: string): Queue<DataImportPayload> {
  return new Queue<DataImportPayload>(DATA_IMPORT_QUEUE, {
    connection: redisConnection(redisUrl),
    prefix,
  });
}

/** The run id is the job id, so enqueueing the same run twice is a no-op. */
export async function enqueueDataImport(
  queue: Queue<DataImportPayload>,
  payload: DataImportPayload,
): Promise<void> {
  await queue.add('data-import', payload, {
    jobId: payload.importRunId,
    // One retry for a crash or a lost lock; the import is idempotent, so a rerun only re-checks.
    attempts: 2,
    backoff: { type: 'fixed', delay: 5_000 },
    removeOnComplete: 1000,
    removeOnFail: 5000,
  });
}
