// What the webhook REST routes parse: the tRPC inputs less the ids the path already names, and
// the delivery log's query string.
import { CreateWebhookRequest, UpdateWebhookRequest } from '@captionary/shared';
import { z } from 'zod';

export const RestCreateWebhookBody = CreateWebhookRequest.omit({ projectId: true });

export const RestUpdateWebhookBody = UpdateWebhookRequest.omit({ webhookId: true });

export const RestListDeliveriesQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(25)
    .describe('Deliveries to return, newest first (1-100)'),
});
