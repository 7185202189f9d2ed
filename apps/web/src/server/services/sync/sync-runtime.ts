// The web process's sync pieces: the queue producer, created on first use and kept on globalThis
// (`next dev` re-evaluates modules on every edit), and the worker the jobs process starts.
import type { SyncRunPayload } from '@captionary/shared';
import type { Queue, Worker } from 'bullmq';
import { serverEnv } from '../../../env';
import { getDb } from '../../db';
import { importSettingsFromEnv } from '../imports/import-settings';
import { createSyncRunQueue } from './sync-queue';
import { createSyncWorker } from './sync-worker';

const holder = globalThis as typeof globalThis & {
  captionarySyncQueue?: Queue<SyncRunPayload>;
};

/** The sync-runs producer; enqueueing fails at once while Redis is down (no offline queue). */
export function getSyncRunQueue(): Queue<SyncRunPayload> {
  if (!holder.captionarySyncQueue) {
    const env = serverEnv();
    const queue = createSyncRunQueue(env.REDIS_URL, env.QUEUE_PREFIX);
    let lastLogged = 0;
    queue.on('error', (error: Error) => {
      if (Date.now() - lastLogged < 60_000) return;
      lastLogged = Date.now();
      console.error(`sync queue: ${error.message}`);
    });
    holder.captionarySyncQueue = queue;
  }
  return holder.captionarySyncQueue;
}

/** Starts the sync worker; the jobs process closes it on shutdown, handing a running job back. */
export function startSyncWorker(): Worker {
  const env = serverEnv();
  const worker = createSyncWorker({
    db: getDb(),
    settings: importSettingsFromEnv(),
    redisUrl: env.REDIS_URL,
    prefix: env.QUEUE_PREFIX,
  });
  return worker;
}
