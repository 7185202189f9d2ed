import { apiKeyRoute } from '../../../../../server/rest/api-key-route';
import { readJsonBody } from '../../../../../server/rest/json-body';
import { RestUpdateWebhookBody } from '../../../../../server/services/webhooks/webhook-rest-requests';
import { webhookServiceDeps } from '../../../../../server/services/webhooks/webhook-service-deps';
import { deleteWebhook, updateWebhook } from '../../../../../server/services/webhooks/webhooks';
import { pathId } from '../../rest-input';

type Params = { webhookId: string };

/** PATCH /api/v1/webhooks/:webhookId {url?, events?, active?}: changes a webhook. */
export const PATCH = apiKeyRoute<Params>('ADMIN', async ({ db, actor, params, request }) => {
  const webhookId = pathId(params.webhookId, 'Webhook');
  const body = await readJsonBody(request, RestUpdateWebhookBody);
  return { webhook: await updateWebhook(webhookServiceDeps(db), actor, { webhookId, ...body }) };
});

/** DELETE /api/v1/webhooks/:webhookId: deletes the webhook and its delivery log; 204. */
export const DELETE = apiKeyRoute<Params>('ADMIN', async ({ db, actor, params }) => {
  await deleteWebhook(db, actor, pathId(params.webhookId, 'Webhook'));
  return new Response(null, { status: 204 });
});
