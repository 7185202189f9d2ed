// The web process's webhook-deliveries producer, created on first use and kept on globalThis
// (`next dev` re-evaluates modules on every edit).
import { serverEnv } from '../../../env';
import { createWebhookDeliveryQueue, type WebhookDeliveryQueue } from './webhook-delivery-queue';

const holder = globalThis as typeof globalThis & { captionaryWebhookQueue?: WebhookDeliveryQueue };

/** The webhook-deliveries producer; enqueueing fails at once while Redis is down. */
export function getWebhookDeliveryQueue(): WebhookDeliveryQueue {
  if (!holder.captionaryWebhookQueue) {
    const env = serverEnv();
    const queue = createWebhookDeliveryQueue(env.REDIS_URL, env.QUEUE_PREFIX);
    let lastLogged = 0;
    queue.on('error', (error: Error) => {
      if (Date.now() - lastLogged < 60_000) return;
      lastLogged = Date.now();
      console.error(`webhook queue: ${error.message}`);
    });
    holder.captionaryWebhookQueue = queue;
  }
  return holder.captionaryWebhookQueue;
}
