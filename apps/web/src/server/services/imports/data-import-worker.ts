// The BullMQ worker for the data-imports queue. It runs in the jobs process (src/jobs; imports
// are I/O plus sharp, which works off the main thread) with a small, fixed concurrency.
import { redisConnection } from '@captionary/db';
import { DATA_IMPORT_QUEUE, DataImportPayload } from '@captionary/shared';
import { Worker } from 'bullmq';
import { processDataImport, type ImportDependencies } from './process-data-import';

export interface DataImportWorkerOptions extends ImportDependencies {
  redisUrl: string;
  prefix?: string;
  /** Imports run at once by this process. */
  concurrency: number;
}

export function createDataImportWorker(options: DataImportWorkerOptions): Worker {
  const { redisUrl, prefix, concurrency, ...dependencies } = options;
  const worker = new Worker(
    DATA_IMPORT_QUEUE,
    async (job, _token, signal) => {
      // Payloads cross a trust boundary (anything can write to Redis): parse before use.
      const payload = DataImportPayload.parse(job.data);
      await processDataImport(dependencies, payload, signal);
    },
    { connection: redisConnection(redisUrl, { worker: true }), prefix, concurrency },
  );
  let lastLogged = 0;
  worker.on('error', (error: Error) => {
    if (Date.now() - lastLogged < 60_000) return;
    lastLogged = Date.now();
    console.error(`data-import worker: ${error.message}`);
  });
  worker.on('failed', (job, error) => {
    console.error(`data import ${job?.id ?? '?'} failed: ${error.message}`);
  });
  return worker;
}
