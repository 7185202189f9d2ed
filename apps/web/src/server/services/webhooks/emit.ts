// The one way product code announces an event to a project's webhooks.
import type { Prisma } from '@captionary/db';
import type { WebhookEvent } from '@captionary/shared';
import { randomUUID } from 'node:crypto';
import type { DbClient } from '../actor';
import { enqueueWebhookDeliveries, type WebhookDeliveryQueue } from './webhook-delivery-queue';
import { getWebhookDeliveryQueue } from './webhook-producer';

/**
 * Writes one QUEUED delivery per active webhook of the project subscribed to `event` and returns
 * their ids. Pass a transaction to make the deliveries commit with the change they announce,
 * then enqueue the ids after the commit (enqueueWebhookDeliveries).
 */
export async function recordProjectEvent(
  db: DbClient,
  projectId: string,
  event: WebhookEvent,
  payload: Prisma.InputJsonObject,
): Promise<string[]> {
  const webhooks = await db.webhook.findMany({
    where: { projectId, active: true, events: { has: event } },
    select: { id: true },
  });
  if (!webhooks.length) return [];
  const deliveries = webhooks.map((webhook) => ({
    id: randomUUID(),
    webhookId: webhook.id,
    event,
    payload,
  }));
  await db.webhookDelivery.createMany({ data: deliveries });
  return deliveries.map((delivery) => delivery.id);
}

/**
 * Sends `event` with `payload` (the `data` of the signed body) to every active webhook of the
 * project subscribed to it. Call it after the change it announces has committed, with the
 * database client (not an open transaction): deliveries are queued at once. A queue outage is
 * logged, not thrown, so the user's action never fails because a webhook could not be queued;
 * the job-completed sweep re-queues such deliveries within a minute.
 */
export async function emitProjectEvent(
  db: DbClient,
  projectId: string,
  event: WebhookEvent,
  payload: Prisma.InputJsonObject,
  queue?: WebhookDeliveryQueue,
): Promise<string[]> {
  const deliveryIds = await recordProjectEvent(db, projectId, event, payload);
  if (!deliveryIds.length) return deliveryIds;
  try {
    await enqueueWebhookDeliveries(queue ?? getWebhookDeliveryQueue(), deliveryIds);
  } catch (error) {
    console.error(`queueing ${event} webhook deliveries failed`, error);
  }
  return deliveryIds;
}
