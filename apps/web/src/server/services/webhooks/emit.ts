// The one way product code announces an event to a project's webhooks.
import { Prisma } from '@captionary/db';
import type { WebhookEvent } from '@captionary/shared';
import type { DbClient } from '../actor';
import { enqueueWebhookDeliveries, type WebhookDeliveryQueue } from './webhook-delivery-queue';
import { getWebhookDeliveryQueue } from './webhook-producer';

/**
 * The statement that records `event`: one QUEUED delivery per active webhook of the project
 * subscribed to it, returning their ids. Callers on a hot path put it in their own statement as a
 * data-modifying CTE (`WITH deliveries AS (…)`), so announcing costs no extra round trip; `when`
 * (an SQL condition) lets that statement record nothing when its own change did not happen.
 */
export function projectEventDeliveriesSql(
  projectId: string,
  event: WebhookEvent,
  payload: Prisma.InputJsonObject,
  when: Prisma.Sql = Prisma.sql`TRUE`,
): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "WebhookDelivery" ("webhookId", event, payload)
    SELECT w.id, ${event}, ${JSON.stringify(payload)}::jsonb
    FROM "Webhook" w
    WHERE w."projectId" = ${projectId}::uuid AND w.active AND ${event} = ANY(w.events) AND ${when}
    RETURNING id`;
}

/**
 * Records `event` for the project's subscribed webhooks (see projectEventDeliveriesSql) and returns
 * the delivery ids. Pass a transaction to make the deliveries commit with the change they
 * announce, then enqueue the ids after the commit (enqueueWebhookDeliveries).
 */
export async function recordProjectEvent(
  db: DbClient,
  projectId: string,
  event: WebhookEvent,
  payload: Prisma.InputJsonObject,
): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>(
    projectEventDeliveriesSql(projectId, event, payload),
  );
  return rows.map((row) => row.id);
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
