// The data-imports worker of the jobs process (src/jobs), which closes it on shutdown so that a
// running import hands its job back instead of holding the lock until it expires.
import type { Worker } from 'bullmq';
import { serverEnv } from '../../../env';
import { createDataImportWorker } from './data-import-worker';
import { getDb } from '../../db';
import { importDependencies } from './import-runtime';

export function startImportWorker(): Worker {
  const env = serverEnv();
  const worker = createDataImportWorker({
    ...importDependencies(getDb()),
    redisUrl: env.REDIS_URL,
    prefix: env.QUEUE_PREFIX,
    concurrency: env.IMPORT_WORKER_CONCURRENCY,
  });
  return worker;
}
