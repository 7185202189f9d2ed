// The sync-run and webhook operations of /api/v1, with the schemas their routes parse with.
import { z } from 'zod';
import { RestListSyncRunsQuery, RestStartSyncBody } from '../services/sync/sync-rest-requests';
import {
  RestCreateWebhookBody,
  RestListDeliveriesQuery,
  RestUpdateWebhookBody,
} from '../services/webhooks/webhook-rest-requests';
import type { ApiOperation } from './operation';
import { SyncRunBody, WebhookDeliveryLogBody, WebhookSettingsBody } from './sync-webhook-schemas';

export const SYNC_WEBHOOK_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/projects/{projectId}/sync-runs',
    operationId: 'listSyncRuns',
    tag: 'Sync',
    summary: 'A project’s sync runs, newest first',
    minRole: 'LABELER',
    query: RestListSyncRunsQuery,
    responses: {
      200: { description: 'Runs', json: z.object({ syncRuns: z.array(SyncRunBody) }) },
    },
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/api/v1/projects/{projectId}/sync-runs',
    operationId: 'startSyncRun',
    tag: 'Sync',
    summary: 'Writes the approved captions back to one of the project’s data connections',
    description:
      'Server-folder connections get a sidecar `.txt` per image and a `captions.jsonl` manifest; ' +
      'S3 connections get the same objects under their sync prefix. Incremental from the last ' +
      'clean run unless `full` is true. Poll the run for its counts.',
    minRole: 'ADMIN',
    body: { schema: RestStartSyncBody },
    responses: {
      201: { description: 'Queued', json: z.object({ syncRun: SyncRunBody }) },
    },
    errors: [400, 404, 409, 503],
  },
  {
    method: 'get',
    path: '/api/v1/projects/{projectId}/sync-runs/{runId}',
    operationId: 'getSyncRun',
    tag: 'Sync',
    summary: 'A sync run’s status and counts (written, removed, unchanged)',
    minRole: 'LABELER',
    responses: { 200: { description: 'The run', json: z.object({ syncRun: SyncRunBody }) } },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/projects/{projectId}/webhooks',
    operationId: 'listWebhooks',
    tag: 'Webhooks',
    summary: 'A project’s webhooks with their latest delivery',
    minRole: 'ADMIN',
    responses: {
      200: { description: 'Webhooks', json: z.object({ webhooks: z.array(WebhookSettingsBody) }) },
    },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/projects/{projectId}/webhooks',
    operationId: 'createWebhook',
    tag: 'Webhooks',
    summary: 'Adds a webhook; the answer holds its signing secret, shown this once',
    description:
      'The URL must reach a public host, or a host:port the operator allows. Deliveries are ' +
      'signed with the secret (`Captionary-Signature`, see the README).',
    minRole: 'ADMIN',
    body: { schema: RestCreateWebhookBody },
    responses: {
      201: {
        description: 'Created',
        json: z.object({
          webhook: WebhookSettingsBody,
          secret: z.string().describe('The signing secret (`whsec_…`); it is not shown again'),
        }),
      },
    },
    errors: [400, 404, 503],
  },
  {
    method: 'patch',
    path: '/api/v1/webhooks/{webhookId}',
    operationId: 'updateWebhook',
    tag: 'Webhooks',
    summary: 'Changes a webhook’s URL, events or whether it is active',
    minRole: 'ADMIN',
    body: { schema: RestUpdateWebhookBody },
    responses: {
      200: { description: 'Changed', json: z.object({ webhook: WebhookSettingsBody }) },
    },
    errors: [400, 404],
  },
  {
    method: 'delete',
    path: '/api/v1/webhooks/{webhookId}',
    operationId: 'deleteWebhook',
    tag: 'Webhooks',
    summary: 'Deletes a webhook with its delivery log',
    minRole: 'ADMIN',
    responses: { 204: { description: 'Deleted' } },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/webhooks/{webhookId}/deliveries',
    operationId: 'listWebhookDeliveries',
    tag: 'Webhooks',
    summary: 'A webhook’s delivery log, newest first',
    minRole: 'ADMIN',
    query: RestListDeliveriesQuery,
    responses: {
      200: {
        description: 'Deliveries',
        json: z.object({ deliveries: z.array(WebhookDeliveryLogBody) }),
      },
    },
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/api/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver',
    operationId: 'redeliverWebhookDelivery',
    tag: 'Webhooks',
    summary: 'Sends a delivered or failed delivery again, once',
    description:
      'The new log entry sends the same body (same `id` and `Captionary-Delivery`, so receivers ' +
      'can drop duplicates) signed with a fresh timestamp. Refused (409) while the delivery is ' +
      'still being attempted or the webhook is paused.',
    minRole: 'ADMIN',
    responses: {
      201: { description: 'Queued', json: z.object({ delivery: WebhookDeliveryLogBody }) },
    },
    errors: [404, 409, 503],
  },
];
