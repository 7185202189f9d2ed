// The BullMQ worker for background exports, run by the jobs process (src/jobs): an export is a few
// database reads at a time, JSON serialization and a gzip file write, all light on the event
// loop. It also runs the hourly sweep that deletes expired export files.
import { redisConnection } from '@captionary/db';
import { EXPORT_QUEUE, ExportJobPayload } from '@captionary/shared';
import { Worker } from 'bullmq';
import { EXPORT_RETENTION_SWEEP_JOB } from './export-queue';
import { expireExportFiles, type ExportRetention } from './export-retention';
import { runBackgroundExport, type BackgroundExportDeps } from './run-background-export';

export interface ExportWorkerOptions extends BackgroundExportDeps {
  retention: ExportRetention;
  redisUrl: string;
  prefix?: string;
  /** Exports written at once by this process. */
  concurrency: number;
}

export function createExportWorker(options: ExportWorkerOptions): Worker {
  const { redisUrl, prefix, concurrency, retention, ...dependencies } = options;
  const worker = new Worker(
    EXPORT_QUEUE,
    async (job) => {
      if (job.name === EXPORT_RETENTION_SWEEP_JOB) {
        const expired = await expireExportFiles(dependencies, retention);
        if (expired) console.log(`deleted ${expired} expired export files`);
        return;
      }
      // Payloads cross a trust boundary (anything can write to Redis): parse before use.
      const payload = ExportJobPayload.parse(job.data);
      await runBackgroundExport(dependencies, payload.exportId, (progress) =>
        job.updateProgress(progress),
      );
    },
    { connection: redisConnection(redisUrl, { worker: true }), prefix, concurrency },
  );
  let lastLogged = 0;
  worker.on('error', (error: Error) => {
    if (Date.now() - lastLogged < 60_000) return;
    lastLogged = Date.now();
    console.error(`export worker: ${error.message}`);
  });
  worker.on('failed', (job, error) => {
    console.error(`export ${job?.id ?? '?'} failed: ${error.message}`);
  });
  return worker;
}
