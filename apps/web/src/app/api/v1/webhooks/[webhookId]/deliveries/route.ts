import { apiKeyRoute } from '../../../../../../server/rest/api-key-route';
import { RestListDeliveriesQuery } from '../../../../../../server/services/webhooks/webhook-rest-requests';
import { listWebhookDeliveries } from '../../../../../../server/services/webhooks/webhooks';
import { pathId, readQuery } from '../../../rest-input';

/** GET /api/v1/webhooks/:webhookId/deliveries?limit=: the delivery log, newest first. */
export const GET = apiKeyRoute<{ webhookId: string }>(
  'ADMIN',
  async ({ db, actor, params, request }) => {
    const webhookId = pathId(params.webhookId, 'Webhook');
    const { limit } = readQuery(request, RestListDeliveriesQuery);
    return { deliveries: await listWebhookDeliveries(db, actor, { webhookId, limit }) };
  },
);
