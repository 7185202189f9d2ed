// The webhook-deliveries queue: one job per delivery, retried with exponential backoff. The
// worker (webhook-worker.ts) sets the delays, so tests can run the same schedule faster.
import { redisConnection } from '@captionary/db';
import {
  WEBHOOK_DELIVERY_JOB,
  WEBHOOK_DELIVERY_QUEUE,
  type WebhookDeliveryPayload,
} from '@captionary/shared';
import { Queue } from 'bullmq';

/** Attempts per delivery: with the default 30 s base the last one comes ~15 minutes after the first. */
export const WEBHOOK_MAX_ATTEMPTS = 6;
/** Name of the custom backoff the worker implements (base × 2^(attempt − 1)). */
export const WEBHOOK_BACKOFF_TYPE = 'webhook-exponential';

export type WebhookDeliveryQueue = Queue<WebhookDeliveryPayload>;

export function createWebhookDeliveryQueue(
  redisUrl: string,
  prefix?: string,
): WebhookDeliveryQueue {
  return new Queue<WebhookDeliveryPayload>(WEBHOOK_DELIVERY_QUEUE, {
    connection: redisConnection(redisUrl),
    prefix,
  });
}

/**
 * The delivery id is the job id, so enqueueing the same delivery twice is a no-op. `attempts`
 * is 1 for a manual redelivery: the person who asked for it sees its one outcome in the log.
 */
export async function enqueueWebhookDeliveries(
  queue: WebhookDeliveryQueue,
  deliveryIds: string[],
  { attempts = WEBHOOK_MAX_ATTEMPTS }: { attempts?: number } = {},
): Promise<void> {
  if (!deliveryIds.length) return;
  await queue.addBulk(
    deliveryIds.map((deliveryId) => ({
      name: WEBHOOK_DELIVERY_JOB,
      data: { deliveryId },
      opts: {
        jobId: deliveryId,
        attempts,
        backoff: { type: WEBHOOK_BACKOFF_TYPE },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    })),
  );
}
