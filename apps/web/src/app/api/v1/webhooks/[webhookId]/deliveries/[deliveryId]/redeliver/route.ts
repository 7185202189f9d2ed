import { apiKeyRoute } from '../../../../../../../../server/rest/api-key-route';
import { redeliverWebhookDelivery } from '../../../../../../../../server/services/webhooks/redeliver-webhook-delivery';
import { getWebhookDeliveryQueue } from '../../../../../../../../server/services/webhooks/webhook-producer';
import { pathId } from '../../../../../rest-input';

/**
 * POST /api/v1/webhooks/:webhookId/deliveries/:deliveryId/redeliver: sends a settled delivery's
 * event again, once, signed anew; 201 with the new log entry.
 */
export const POST = apiKeyRoute<{ webhookId: string; deliveryId: string }>(
  'ADMIN',
  async ({ db, actor, params }) => {
    const delivery = await redeliverWebhookDelivery(
      { db, queue: getWebhookDeliveryQueue() },
      actor,
      {
        webhookId: pathId(params.webhookId, 'Delivery'),
        deliveryId: pathId(params.deliveryId, 'Delivery'),
      },
    );
    return Response.json({ delivery }, { status: 201 });
  },
);
