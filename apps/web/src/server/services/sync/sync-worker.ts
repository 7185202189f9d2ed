// The BullMQ worker for the sync-runs queue. It runs in the jobs process (src/jobs): a sync is
// file and network I/O, and one run at a time per process keeps the disk and the bucket calm.
import { redisConnection } from '@captionary/db';
import { SYNC_RUN_QUEUE, SyncRunPayload } from '@captionary/shared';
import { Worker } from 'bullmq';
import { processSyncRun, type SyncDependencies } from './process-sync-run';

export interface SyncWorkerOptions extends SyncDependencies {
  redisUrl: string;
  prefix?: string;
}

export function createSyncWorker(options: SyncWorkerOptions): Worker {
  const { redisUrl, prefix, ...dependencies } = options;
  const worker = new Worker(
    SYNC_RUN_QUEUE,
    async (job, _token, signal) => {
      // Payloads cross a trust boundary (anything can write to Redis): parse before use.
      const payload = SyncRunPayload.parse(job.data);
      await processSyncRun(dependencies, payload, signal);
    },
    { connection: redisConnection(redisUrl, { worker: true }), prefix, concurrency: 1 },
  );
  let lastLogged = 0;
  worker.on('error', (error: Error) => {
    if (Date.now() - lastLogged < 60_000) return;
    lastLogged = Date.now();
    console.error(`sync worker: ${error.message}`);
  });
  worker.on('failed', (job, error) => {
    console.error(`sync run ${job?.id ?? '?'} failed: ${error.message}`);
  });
  return worker;
}
