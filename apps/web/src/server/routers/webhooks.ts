import {
  CreateWebhookRequest,
  ListWebhookDeliveriesRequest,
  ProjectRef,
  UpdateWebhookRequest,
  WEBHOOK_EVENTS,
  WebhookDeliveryRef,
  WebhookRef,
} from '@captionary/shared';
import { importSettingsFromEnv } from '../services/imports/import-settings';
import { redeliverWebhookDelivery } from '../services/webhooks/redeliver-webhook-delivery';
import { getWebhookDeliveryQueue } from '../services/webhooks/webhook-producer';
import { webhookServiceDeps as webhookDeps } from '../services/webhooks/webhook-service-deps';
import {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
} from '../services/webhooks/webhooks';
import { router, teamProcedure } from '../trpc';

/** A project's outgoing webhooks and their delivery log (admins and owners). */
export const webhooksRouter = router({
  /** The events a webhook can subscribe to, and whether secrets can be stored here. */
  capabilities: teamProcedure('ADMIN').query(() => ({
    events: WEBHOOK_EVENTS,
    storedSecrets: importSettingsFromEnv().encryptionKey !== undefined,
  })),

  list: teamProcedure('ADMIN')
    .input(ProjectRef)
    .query(({ ctx, input }) => listWebhooks(ctx.db, ctx.actor, input.projectId)),

  create: teamProcedure('ADMIN')
    .input(CreateWebhookRequest)
    .mutation(({ ctx, input }) => createWebhook(webhookDeps(ctx.db), ctx.actor, input)),

  update: teamProcedure('ADMIN')
    .input(UpdateWebhookRequest)
    .mutation(({ ctx, input }) => updateWebhook(webhookDeps(ctx.db), ctx.actor, input)),

  remove: teamProcedure('ADMIN')
    .input(WebhookRef)
    .mutation(({ ctx, input }) => deleteWebhook(ctx.db, ctx.actor, input.webhookId)),

  rotateSecret: teamProcedure('ADMIN')
    .input(WebhookRef)
    .mutation(({ ctx, input }) =>
      rotateWebhookSecret(webhookDeps(ctx.db), ctx.actor, input.webhookId),
    ),

  deliveries: teamProcedure('ADMIN')
    .input(ListWebhookDeliveriesRequest)
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.db, ctx.actor, input)),

  /** Sends a settled delivery's event again, once, as a new entry of the log. */
  redeliver: teamProcedure('ADMIN')
    .input(WebhookDeliveryRef)
    .mutation(({ ctx, input }) =>
      redeliverWebhookDelivery({ db: ctx.db, queue: getWebhookDeliveryQueue() }, ctx.actor, input),
    ),
});
