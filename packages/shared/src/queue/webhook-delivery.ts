import { z } from 'zod';

/** BullMQ queue that carries webhook deliveries (and the periodic job-completed sweep). */
export const WEBHOOK_DELIVERY_QUEUE = 'webhook-deliveries';

/** Job name of one delivery; its payload is WebhookDeliveryPayload. */
export const WEBHOOK_DELIVERY_JOB = 'deliver';
/** Job name of the repeating sweep that turns finished caption jobs into `job.completed` events. */
export const JOB_COMPLETED_SWEEP_JOB = 'job-completed-sweep';

/** Payload of one delivery job: the WebhookDelivery row holds the event and its payload. */
export const WebhookDeliveryPayload = z.object({ deliveryId: z.uuid() });
export type WebhookDeliveryPayload = z.infer<typeof WebhookDeliveryPayload>;
