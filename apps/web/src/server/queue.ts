// The web app's producer for the caption-batches queue: one per server process, created on first
// use so that pages which never launch a job never open a Redis connection.
import { createCaptionQueue } from '@captionary/db';
import type { CaptionBatchPayload } from '@captionary/shared';
import type { Queue } from 'bullmq';
import { serverEnv } from '../env';

const holder = globalThis as typeof globalThis & {
  captionaryCaptionQueue?: Queue<CaptionBatchPayload>;
};

/**
 * The shared caption-batches producer. Its connection has the offline queue disabled
 * (redisConnection in @captionary/db), so an enqueue while Redis is down fails at once instead
 * of hanging the request.
 */
export function getCaptionQueue(): Queue<CaptionBatchPayload> {
  if (!holder.captionaryCaptionQueue) {
    const env = serverEnv();
    const queue = createCaptionQueue(env.REDIS_URL, env.QUEUE_PREFIX);
    let lastLogged = 0;
    // Reconnects happen by themselves; log at most once a minute rather than on every retry.
    queue.on('error', (error: Error) => {
      if (Date.now() - lastLogged < 60_000) return;
      lastLogged = Date.now();
      console.error(`caption queue: ${error.message}`);
    });
    holder.captionaryCaptionQueue = queue;
  }
  return holder.captionaryCaptionQueue;
}
