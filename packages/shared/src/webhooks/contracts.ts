// Webhook events, the body every delivery carries, the signature headers, and the inputs of the
// webhook procedures.
import { z } from 'zod';
import { ObjectId } from '../api/common';

/** Events a project can send to its webhooks. */
export const WEBHOOK_EVENTS = [
  'label.approved',
  'label.updated',
  'job.completed',
  'export.ready',
] as const;
export const WebhookEvent = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** Header with `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'Captionary-Signature';
/** Header naming the event of the delivery. */
export const WEBHOOK_EVENT_HEADER = 'Captionary-Event';
/** Header with the delivery id: the same on every retry, so receivers can drop duplicates. */
export const WEBHOOK_DELIVERY_HEADER = 'Captionary-Delivery';

/** The JSON body of every delivery. */
export const WebhookBody = z.object({
  /** The delivery id (also in the Captionary-Delivery header). */
  id: z.uuid(),
  event: WebhookEvent,
  project_id: z.uuid(),
  /** When the event happened (ISO 8601). */
  created_at: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookBody = z.infer<typeof WebhookBody>;

const WebhookUrl = z
  .string()
  .trim()
  .min(1, 'Enter the URL to deliver to')
  .max(2048, 'URL too long')
  .refine((value) => /^https?:\/\//i.test(value), 'The URL must start with http:// or https://');

const EventList = z
  .array(WebhookEvent)
  .min(1, 'Pick at least one event')
  .transform((events) => [...new Set(events)]);

export const CreateWebhookRequest = z.object({
  projectId: ObjectId,
  url: WebhookUrl,
  events: EventList,
});
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequest>;

export const UpdateWebhookRequest = z.object({
  webhookId: ObjectId,
  url: WebhookUrl.optional(),
  events: EventList.optional(),
  active: z.boolean().optional(),
});
export type UpdateWebhookRequest = z.infer<typeof UpdateWebhookRequest>;

export const WebhookRef = z.object({ webhookId: ObjectId });
export type WebhookRef = z.infer<typeof WebhookRef>;

export const ListWebhookDeliveriesRequest = z.object({
  webhookId: ObjectId,
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListWebhookDeliveriesRequest = z.infer<typeof ListWebhookDeliveriesRequest>;

export const WebhookDeliveryRef = z.object({ deliveryId: ObjectId });
export type WebhookDeliveryRef = z.infer<typeof WebhookDeliveryRef>;
