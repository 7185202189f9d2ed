// The exports worker of the jobs process (src/jobs), with the retention sweep's schedule. The jobs
// process closes it on shutdown so that a running export hands its job back.
import { ObjectStorage } from '@captionary/db';
import type { Worker } from 'bullmq';
import { serverEnv } from '../../../env';
import { getDb } from '../../db';
import { getExportQueue, scheduleExportRetentionSweep } from './export-queue';
import { createExportWorker } from './export-worker';

/** Exports one server process writes at once; each holds one database connection. */
const EXPORT_WORKER_CONCURRENCY = 2;

export function startExportWorker(): Worker {
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
  scheduleExportRetentionSweep(getExportQueue()).catch((error: Error) =>
    console.error(`scheduling the export retention sweep: ${error.message}`),
  );
  return worker;
}
