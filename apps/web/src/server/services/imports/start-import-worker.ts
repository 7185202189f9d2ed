// Starts the data-imports worker in the jobs process, once, and closes it on shutdown so
// that a running import hands its job back instead of holding the lock until it expires.
import type { Worker } from 'bullmq';
import { serverEnv } from '../../../env';
import { createDataImportWorker } from './data-import-worker';
import { getDb } from '../../db';
import { importDependencies } from './import-runtime';

const holder = globalThis as typeof globalThis & { captionaryImportWorker?: Worker };

export function startImportWorker(): void {
  if (holder.captionaryImportWorker) return;
  const env = serverEnv();
  const worker = createDataImportWorker({
    ...importDependencies(getDb()),
    redisUrl: env.REDIS_URL,
    prefix: env.QUEUE_PREFIX,
    concurrency: env.IMPORT_WORKER_CONCURRENCY,
  });
  holder.captionaryImportWorker = worker;
  const close = () => {
    void worker.close().catch((error: Error) => console.error('closing import worker', error));
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}
