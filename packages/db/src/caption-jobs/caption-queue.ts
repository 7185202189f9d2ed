// The producer side of the caption-batches queue, shared by the web app and tools.
import { Queue, type ConnectionOptions } from 'bullmq';
import { CAPTION_BATCH_QUEUE, type CaptionBatchPayload } from '@captionary/shared';

/** Retries for transient failures (database or storage hiccups), with exponential backoff. */
export const CAPTION_BATCH_ATTEMPTS = 8;

/** Connection options from a redis:// URL. The producer fails fast instead of queueing offline. */
export function redisConnection(redisUrl: string, { worker = false } = {}): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // Workers must keep retrying Redis commands (BullMQ requires null); producers fail fast.
    ...(worker
      ? { maxRetriesPerRequest: null }
      : { enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
  };
}

export function createCaptionQueue(redisUrl: string, prefix?: string): Queue<CaptionBatchPayload> {
  return new Queue<CaptionBatchPayload>(CAPTION_BATCH_QUEUE, {
    connection: redisConnection(redisUrl),
    prefix,
  });
}

/** Enqueues the batches of a planned job; the batch id is the BullMQ job id, so re-enqueueing is a no-op. */
export async function enqueueCaptionBatches(
  queue: Queue<CaptionBatchPayload>,
  jobId: string,
  batchIds: string[],
): Promise<void> {
  await queue.addBulk(
    batchIds.map((batchId) => ({
      name: 'caption-batch',
      data: { jobId, batchId },
      opts: {
        jobId: batchId,
        attempts: CAPTION_BATCH_ATTEMPTS,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    })),
  );
}
