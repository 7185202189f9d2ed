// The web process's shared import pieces: settings, storage and the queue producer, created on
// first use and kept on globalThis (`next dev` re-evaluates modules on every edit).
import { ObjectStorage } from '@captionary/db';
import type { DataImportPayload } from '@captionary/shared';
import type { Queue } from 'bullmq';
import { serverEnv } from '../../../env';
import type { Db } from '@captionary/db';
import { createDataImportQueue } from './data-import-queue';
import { importSettingsFromEnv } from './import-settings';
import type { ImportDependencies } from './process-data-import';

const holder = globalThis as typeof globalThis & {
  captionaryImportQueue?: Queue<DataImportPayload>;
};

/** Settings from the environment and the storage folder, around the caller's database client. */
export function importDependencies(db: Db): ImportDependencies {
  const settings = importSettingsFromEnv();
  return { db, storage: new ObjectStorage(settings.storageDir), settings };
}

/** The data-imports producer; enqueueing fails at once while Redis is down (no offline queue). */
export function getDataImportQueue(): Queue<DataImportPayload> {
  if (!holder.captionaryImportQueue) {
    const env = serverEnv();
    const queue = createDataImportQueue(env.REDIS_URL, env.QUEUE_PREFIX);
    let lastLogged = 0;
    queue.on('error', (error: Error) => {
      if (Date.now() - lastLogged < 60_000) return;
      lastLogged = Date.now();
      console.error(`data-import queue: ${error.message}`);
    });
    holder.captionaryImportQueue = queue;
  }
  return holder.captionaryImportQueue;
}
