// The BullMQ worker for the webhook-deliveries queue, in the jobs process (src/jobs). It runs two
// kinds of job: one attempt of a delivery, and the repeating job-completed sweep.
import { redisConnection, type Db } from '@captionary/db';
import {
  JOB_COMPLETED_SWEEP_JOB,
  WEBHOOK_DELIVERY_JOB,
  WEBHOOK_DELIVERY_QUEUE,
  WebhookDeliveryPayload,
} from '@captionary/shared';
import { UnrecoverableError, Worker } from 'bullmq';
import { sweepCompletedJobs } from './job-completed-sweep';
import {
  DeliveryAttemptError,
  processWebhookDelivery,
  type WebhookDeliverySettings,
} from './process-webhook-delivery';
import { WEBHOOK_BACKOFF_TYPE, type WebhookDeliveryQueue } from './webhook-delivery-queue';

export interface WebhookWorkerOptions {
  db: Db;
  settings: WebhookDeliverySettings;
  /** The producer the sweep queues its deliveries on (same name and prefix). */
  queue: WebhookDeliveryQueue;
  redisUrl: string;
  prefix?: string;
  /** Delay before the second attempt; each later one waits twice as long as the one before. */
  retryBaseDelayMs: number;
  concurrency: number;
}

/** Delay before attempt `attemptsMade + 1`: base, 2×base, 4×base… */
export function webhookRetryDelay(attemptsMade: number, baseMs: number): number {
  return baseMs * 2 ** Math.max(0, attemptsMade - 1);
}

export function createWebhookWorker(options: WebhookWorkerOptions): Worker {
  const { db, settings, queue } = options;
  const worker = new Worker(
    WEBHOOK_DELIVERY_QUEUE,
    async (job) => {
      if (job.name === JOB_COMPLETED_SWEEP_JOB) {
        await sweepCompletedJobs(db, queue);
        return;
      }
      if (job.name !== WEBHOOK_DELIVERY_JOB) return;
      // Payloads cross a trust boundary (anything can write to Redis): parse before use.
      const { deliveryId } = WebhookDeliveryPayload.parse(job.data);
      const number = job.attemptsMade + 1;
      try {
        await processWebhookDelivery(db, settings, deliveryId, {
          number,
          isLast: number >= (job.opts.attempts ?? 1),
        });
      } catch (error) {
        if (error instanceof DeliveryAttemptError && error.final) {
          throw new UnrecoverableError(error.message);
        }
        throw error;
      }
    },
    {
      connection: redisConnection(options.redisUrl, { worker: true }),
      prefix: options.prefix,
      concurrency: options.concurrency,
      settings: {
        backoffStrategy: (attemptsMade, type) =>
          type === WEBHOOK_BACKOFF_TYPE
            ? webhookRetryDelay(attemptsMade, options.retryBaseDelayMs)
            : 0,
      },
    },
  );
  let lastLogged = 0;
  worker.on('error', (error: Error) => {
    if (Date.now() - lastLogged < 60_000) return;
    lastLogged = Date.now();
    console.error(`webhook worker: ${error.message}`);
  });
  return worker;
}
