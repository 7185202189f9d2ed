// The webhook worker with its repeating sweep, started by the jobs process (src/jobs).
import type { Worker } from 'bullmq';
import { JOB_COMPLETED_SWEEP_JOB } from '@captionary/shared';
import { serverEnv } from '../../../env';
import { getDb } from '../../db';
import { importSettingsFromEnv } from '../imports/import-settings';
import type { WebhookDeliverySettings } from './process-webhook-delivery';
import { getWebhookDeliveryQueue } from './webhook-producer';
import { createWebhookWorker } from './webhook-worker';

/** How long a receiver has to answer one delivery. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** First retry after 30 s, then 1, 2, 4 and 8 minutes. */
export const WEBHOOK_RETRY_BASE_MS = 30_000;
/** How often finished caption jobs are looked for (job.completed). */
export const JOB_COMPLETED_SWEEP_EVERY_MS = 5_000;

/** Delivery settings from the environment: the import allow-list and the encryption key. */
export function webhookSettingsFromEnv(): WebhookDeliverySettings {
  const settings = importSettingsFromEnv();
  return {
    allowHosts: settings.allowHosts,
    encryptionKey: settings.encryptionKey,
    timeoutMs: WEBHOOK_TIMEOUT_MS,
  };
}

/**
 * Starts the delivery worker and schedules the job-completed sweep. The scheduler lives in
 * Redis, so several jobs processes share one sweep every few seconds rather than one each.
 */
export function startWebhookWorker(): Worker {
  const env = serverEnv();
  const queue = getWebhookDeliveryQueue();
  const worker = createWebhookWorker({
    db: getDb(),
    settings: webhookSettingsFromEnv(),
    queue,
    redisUrl: env.REDIS_URL,
    prefix: env.QUEUE_PREFIX,
    retryBaseDelayMs: WEBHOOK_RETRY_BASE_MS,
    concurrency: 8,
  });
  void queue
    .upsertJobScheduler(
      JOB_COMPLETED_SWEEP_JOB,
      { every: JOB_COMPLETED_SWEEP_EVERY_MS },
      { name: JOB_COMPLETED_SWEEP_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } },
    )
    .catch((error: Error) => console.error(`scheduling the job-completed sweep: ${error.message}`));
  return worker;
}
