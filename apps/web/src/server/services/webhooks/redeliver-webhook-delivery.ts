// Manual redelivery from the delivery log: a new delivery of the same event and body, sent once
// and signed with a fresh timestamp, logged as its own entry that names the one it repeats.
import type { Db } from '@captionary/db';
import { AppError, notFound } from '../../errors';
import type { TeamActor } from '../actor';
import { enqueueWebhookDeliveries, type WebhookDeliveryQueue } from './webhook-delivery-queue';
import { assertCanManageWebhooks, DELIVERY_SELECT, type WebhookDeliveryView } from './webhooks';

/**
 * Queues the redelivery of a settled delivery of the team; with `webhookId` (REST paths name
 * it), a delivery of another webhook is NOT_FOUND.
 */
export async function redeliverWebhookDelivery(
  deps: { db: Db; queue: WebhookDeliveryQueue },
  actor: TeamActor,
  target: { deliveryId: string; webhookId?: string },
): Promise<WebhookDeliveryView> {
  assertCanManageWebhooks(actor);
  const original = await deps.db.webhookDelivery.findFirst({
    where: {
      id: target.deliveryId,
      webhook: { project: { teamId: actor.teamId } },
      ...(target.webhookId ? { webhookId: target.webhookId } : {}),
    },
    select: {
      id: true,
      webhookId: true,
      event: true,
      payload: true,
      status: true,
      redeliveryOfId: true,
      webhook: { select: { active: true } },
    },
  });
  if (!original) throw notFound('Delivery');
  if (!original.webhook.active) {
    throw new AppError('CONFLICT', 'The webhook is disabled; enable it to redeliver');
  }
  if (original.status === 'QUEUED' || original.status === 'RUNNING') {
    throw new AppError('CONFLICT', 'This delivery is still being attempted');
  }
  const redelivery = await deps.db.webhookDelivery.create({
    data: {
      webhookId: original.webhookId,
      event: original.event,
      payload: original.payload ?? {},
      // A redelivery of a redelivery repeats the first delivery: one id per event for receivers.
      redeliveryOfId: original.redeliveryOfId ?? original.id,
    },
    select: DELIVERY_SELECT,
  });
  try {
    await enqueueWebhookDeliveries(deps.queue, [redelivery.id], { attempts: 1 });
  } catch (error) {
    console.error(`queueing redelivery ${redelivery.id} failed`, error);
    await deps.db.webhookDelivery.update({
      where: { id: redelivery.id },
      data: { status: 'FAILED', error: 'The job queue was unavailable' },
    });
    throw new AppError('UNAVAILABLE', 'The job queue is unavailable; try again shortly');
  }
  return redelivery;
}
