// The sync-runs queue: the web app enqueues one job per sync run, and a worker inside the web
// server process runs it (see sync-worker.ts).
import { redisConnection } from '@captionary/db';
import { SYNC_RUN_QUEUE, type SyncRunPayload } from '@captionary/shared';
import { Queue } from 'bullmq';

export function createSyncRunQueue(redisUrl: string, prefix?: string): Queue<SyncRunPayload> {
  return new Queue<SyncRunPayload>(SYNC_RUN_QUEUE, {
    connection: redisConnection(redisUrl),
    prefix,
  });
}

/** The run id is the job id, so enqueueing the same run twice is a no-op. */
export async function enqueueSyncRun(
  queue: Queue<SyncRunPayload>,
  payload: SyncRunPayload,
): Promise<void> {
  await queue.add('sync-run', payload, {
    jobId: payload.syncRunId,
    // One retry for a crash or a lost lock; a sync compares before it writes, so a rerun is cheap.
    attempts: 2,
    backoff: { type: 'fixed', delay: 5_000 },
    removeOnComplete: 1000,
    removeOnFail: 5000,
  });
}
