// The background workers of the jobs process: data imports, exports (with the retention sweep),
// sync-back runs and webhook deliveries (with the job-completed sweep).
import type { Worker } from 'bullmq';
import { startExportWorker } from '../server/services/exports/start-export-worker';
import { startImportWorker } from '../server/services/imports/start-import-worker';
import { startSyncWorker } from '../server/services/sync/sync-runtime';
import { startWebhookWorker } from '../server/services/webhooks/webhook-runtime';

export interface JobWorker {
  /** What it does, for the log. */
  role: string;
  worker: Worker;
}

/** Starts the four workers and their sweeps. */
export function startJobWorkers(): JobWorker[] {
  return [
    { role: 'data imports', worker: startImportWorker() },
    { role: 'exports and the retention sweep', worker: startExportWorker() },
    { role: 'sync-back runs', worker: startSyncWorker() },
    { role: 'webhook deliveries and the job-completed sweep', worker: startWebhookWorker() },
  ];
}
