// Response bodies of the sync-run and webhook routes for the OpenAPI document, each tied to the
// service type that produces it (see drift-check.ts).
import { WEBHOOK_EVENTS } from '@captionary/shared';
import { z } from 'zod';
import type { SyncRunSummary } from '../services/sync/sync-summaries';
import type { WebhookDeliveryView, WebhookView } from '../services/webhooks/webhooks';
import type { Documents, Jsonified } from './drift-check';

const Id = z.uuid();
const Instant = z.iso.datetime();
const RunStatus = z.enum(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED']);

export const SyncRunBody = z
  .object({
    id: Id,
    projectId: Id,
    connectionId: Id,
    status: RunStatus,
    since: Instant.nullable().describe(
      'Labels changed at or after this time were checked; null for a full run',
    ),
    written: z.number().int().describe('Caption files written or rewritten'),
    removed: z.number().int().describe('Caption files removed (image gone or no longer approved)'),
    unchanged: z.number().int().describe('Caption files already up to date'),
    error: z.string().nullable().describe('Why the run failed, or which files it could not handle'),
    startedAt: Instant,
    finishedAt: Instant.nullable(),
  })
  .meta({ id: 'SyncRun' });

export const WebhookDeliveryLogBody = z
  .object({
    id: Id,
    event: z.string(),
    status: RunStatus.describe('QUEUED while attempts remain; then SUCCEEDED or FAILED'),
    attempts: z.number().int(),
    responseCode: z.number().int().nullable().describe('HTTP status of the last attempt'),
    error: z.string().nullable(),
    createdAt: Instant,
    deliveredAt: Instant.nullable(),
    redeliveryOfId: Id.nullable().describe(
      'Set on a manual redelivery: the delivery whose id and body it sends again',
    ),
  })
  .meta({ id: 'WebhookDelivery' });

export const WebhookSettingsBody = z
  .object({
    id: Id,
    projectId: Id,
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    active: z.boolean(),
    createdAt: Instant,
    lastDelivery: WebhookDeliveryLogBody.nullable(),
  })
  .meta({ id: 'Webhook' });

// Each line fails to compile when the service's output no longer fits what is documented.
export type DocumentedSyncWebhookResponses = [
  Documents<z.infer<typeof SyncRunBody>, Jsonified<SyncRunSummary>>,
  Documents<z.infer<typeof WebhookDeliveryLogBody>, Jsonified<WebhookDeliveryView>>,
  Documents<z.infer<typeof WebhookSettingsBody>, Jsonified<WebhookView>>,
];
