// The background workers of the jobs process: data imports, exports (with the retention sweep),
// sync-back runs and webhook deliveries (with the job-completed sweep).
import type { Worker } from 'bullmq';
import { startExportWorker } from '../server/services/exports/start-export-worker';
import { startImportWorker } from '../server/services/imports/start-import-worker';
import { startSyncWorker } from '../server/services/sync/sync-runtime';
import { startWebhookWorker } from '../server/services/webhooks/webhook-runtime';

// Each start function keeps its worker on globalThis (its guard against starting twice); the jobs
// process reads them back there to wait for them to close on shutdown.
const started = globalThis as typeof globalThis & {
  captionaryImportWorker?: Worker;
  captionaryExportWorker?: Worker;
  captionarySyncWorker?: Worker;
  captionaryWebhookWorker?: Worker;
};

export interface JobWorker {
  /** What it does, for the log. */
  role: string;
  worker: Worker;
}

/** Starts the four workers and their sweeps once; throws when one of them is missing. */
export function startJobWorkers(): JobWorker[] {
  startImportWorker();
  startExportWorker();
  startSyncWorker();
  startWebhookWorker();
  const workers: [string, Worker | undefined][] = [
    ['data imports', started.captionaryImportWorker],
    ['exports and the retention sweep', started.captionaryExportWorker],
    ['sync-back runs', started.captionarySyncWorker],
    ['webhook deliveries and the job-completed sweep', started.captionaryWebhookWorker],
  ];
  return workers.map(([role, worker]) => {
    if (!worker) throw new Error(`the worker for ${role} did not start`);
    return { role, worker };
  });
}
