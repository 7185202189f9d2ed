// One attempt of one delivery: build the signed body, POST it, and log the attempt on the
// WebhookDelivery row. A failed attempt throws so that BullMQ schedules the next one; the row
// stays QUEUED (with the last error) until an attempt succeeds or the last one fails.
import type { Db } from '@captionary/db';
import {
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookBody,
  type WebhookEvent,
} from '@captionary/shared';
import { SecretBoxError } from '../imports/connection-secrets';
import type { ResolveHost } from '../imports/vetted-address';
import { postWebhook, WebhookNetworkError } from './post-webhook';
import { openWebhookSecret } from './webhook-secret-box';
import { signatureHeader } from './webhook-signature';
import { WebhookTargetError } from './webhook-target';

export interface WebhookDeliverySettings {
  allowHosts: ReadonlySet<string>;
  encryptionKey: Buffer | undefined;
  timeoutMs: number;
  resolve?: ResolveHost;
}

export interface DeliveryAttempt {
  /** 1 for the first attempt. */
  number: number;
  isLast: boolean;
}

/** Why an attempt failed; BullMQ retries it unless `final`. */
export class DeliveryAttemptError extends Error {
  override readonly name = 'DeliveryAttemptError';
  constructor(
    message: string,
    /** No later attempt can succeed (target refused by policy, secret unreadable). */
    readonly final: boolean,
  ) {
    super(message);
  }
}

/**
 * The exact JSON text that is signed and sent; the same on every attempt. A redelivery sends the
 * body of the delivery it repeats (its id and time included), so receivers that drop duplicates
 * by id recognise it; only the signature's timestamp is new.
 */
export function deliveryBody(delivery: {
  id: string;
  event: string;
  projectId: string;
  createdAt: Date;
  payload: unknown;
  redeliveryOf?: { id: string; createdAt: Date } | null;
}): string {
  const original = delivery.redeliveryOf ?? delivery;
  const body: WebhookBody = {
    id: original.id,
    event: delivery.event as WebhookEvent,
    project_id: delivery.projectId,
    created_at: original.createdAt.toISOString(),
    data: (delivery.payload ?? {}) as Record<string, unknown>,
  };
  return JSON.stringify(body);
}

export async function processWebhookDelivery(
  db: Db,
  settings: WebhookDeliverySettings,
  deliveryId: string,
  attempt: DeliveryAttempt,
): Promise<void> {
  const delivery = await db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: {
      webhook: { select: { url: true, secretEncrypted: true, active: true, projectId: true } },
      redeliveryOf: { select: { id: true, createdAt: true } },
    },
  });
  // Not there yet (queued before its transaction committed) or gone with its webhook.
  if (!delivery) throw new DeliveryAttemptError('The delivery was not found', false);
  if (delivery.status === 'SUCCEEDED' || delivery.status === 'FAILED') return;

  const log = (data: {
    responseCode?: number | null;
    error: string | null;
    ok: boolean;
    final: boolean;
    /** False when no request was sent (nothing to count as an attempt). */
    sent?: boolean;
  }) =>
    db.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        ...(data.sent === false ? {} : { attempts: { increment: 1 } }),
        responseCode: data.responseCode ?? null,
        error: data.error,
        status: data.ok ? 'SUCCEEDED' : data.final ? 'FAILED' : 'QUEUED',
        ...(data.ok ? { deliveredAt: new Date() } : {}),
      },
    });

  if (!delivery.webhook.active) {
    await log({
      error: 'The webhook was disabled before this delivery',
      ok: false,
      final: true,
      sent: false,
    });
    return;
  }
  let secret: string;
  try {
    if (!settings.encryptionKey) throw new SecretBoxError('DATA_ENCRYPTION_KEY is not set');
    secret = openWebhookSecret(settings.encryptionKey, delivery.webhook.secretEncrypted);
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    await log({
      error: `The signing secret cannot be read: ${error.message}`,
      ok: false,
      final: true,
      sent: false,
    });
    throw new DeliveryAttemptError(error.message, true);
  }

  const body = deliveryBody({ ...delivery, projectId: delivery.webhook.projectId });
  const headers = {
    [WEBHOOK_SIGNATURE_HEADER]: signatureHeader(secret, Math.floor(Date.now() / 1000), body),
    [WEBHOOK_EVENT_HEADER]: delivery.event,
    [WEBHOOK_DELIVERY_HEADER]: delivery.redeliveryOf?.id ?? delivery.id,
  };
  let status: number;
  try {
    ({ status } = await postWebhook(delivery.webhook.url, headers, body, settings));
  } catch (error) {
    const refused = error instanceof WebhookTargetError;
    if (!refused && !(error instanceof WebhookNetworkError)) {
      console.error(`webhook delivery ${delivery.id} failed unexpectedly`, error);
    }
    const message =
      refused || error instanceof WebhookNetworkError
        ? (error as Error).message
        : 'Internal error while delivering';
    const final = refused || attempt.isLast;
    await log({ error: message, ok: false, final });
    throw new DeliveryAttemptError(message, refused);
  }
  if (status >= 200 && status < 300) {
    await log({ responseCode: status, error: null, ok: true, final: true });
    return;
  }
  const message =
    status >= 300 && status < 400
      ? `The receiver answered HTTP ${status}; redirects are not followed`
      : `The receiver answered HTTP ${status}`;
  await log({ responseCode: status, error: message, ok: false, final: attempt.isLast });
  throw new DeliveryAttemptError(message, false);
}
