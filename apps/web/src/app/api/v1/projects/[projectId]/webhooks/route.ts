import { apiKeyRoute } from '../../../../../../server/rest/api-key-route';
import { readJsonBody } from '../../../../../../server/rest/json-body';
import { RestCreateWebhookBody } from '../../../../../../server/services/webhooks/webhook-rest-requests';
import { webhookServiceDeps } from '../../../../../../server/services/webhooks/webhook-service-deps';
import { createWebhook, listWebhooks } from '../../../../../../server/services/webhooks/webhooks';
import { pathId } from '../../../rest-input';

type Params = { projectId: string };

/** GET /api/v1/projects/:projectId/webhooks: the project's webhooks with their last delivery. */
export const GET = apiKeyRoute<Params>('ADMIN', async ({ db, actor, params }) => ({
  webhooks: await listWebhooks(db, actor, pathId(params.projectId, 'Project')),
}));

/**
 * POST /api/v1/projects/:projectId/webhooks {url, events}: 201 with the webhook and its signing
 * secret, which is never shown again.
 */
export const POST = apiKeyRoute<Params>('ADMIN', async ({ db, actor, params, request }) => {
  const projectId = pathId(params.projectId, 'Project');
  const body = await readJsonBody(request, RestCreateWebhookBody);
  const created = await createWebhook(webhookServiceDeps(db), actor, { projectId, ...body });
  return Response.json(created, { status: 201 });
});
