// Starts the exports worker in the web server process, once, and closes it on shutdown so that a
// running export hands its job back instead of holding the lock until it expires.
import { ObjectStorage } from '@captionary/db';
import type { Worker } from 'bullmq';
import { serverEnv } from '../../../env';
import { getDb } from '../../db';
import { getExportQueue, scheduleExportRetentionSweep } from './export-queue';
import { createExportWorker } from './export-worker';

const holder = globalThis as typeof globalThis & { captionaryExportWorker?: Worker };

/** Exports one server process writes at once; each holds one database connection. */
const EXPORT_WORKER_CONCURRENCY = 2;

export function startExportWorker(): void {
  if (holder.captionaryExportWorker) return;
  const env = serverEnv();
  const worker = createExportWorker({
    db: getDb(),
    databaseUrl: env.DATABASE_URL,
    storage: new ObjectStorage(env.STORAGE_DIR),
    retention: { retentionDays: env.EXPORT_RETENTION_DAYS },
    redisUrl: env.REDIS_URL,
    prefix: env.QUEUE_PREFIX,
    concurrency: EXPORT_WORKER_CONCURRENCY,
  });
  holder.captionaryExportWorker = worker;
  scheduleExportRetentionSweep(getExportQueue()).catch((error: Error) =>
    console.error(`scheduling the export retention sweep: ${error.message}`),
  );
  const close = () => {
    void worker.close().catch((error: Error) => console.error('closing export worker', error));
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}
