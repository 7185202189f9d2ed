// Signing of webhook deliveries: HMAC-SHA256 over `<unix seconds>.<raw body>`, sent as
// `Captionary-Signature: t=<unix seconds>,v1=<hex>`. The timestamp inside the signed text lets a
// receiver refuse replays of an old delivery; README.md ("Webhooks") shows the receiver's side.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How old a signature a receiver should accept, by default. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** A new signing secret: 32 random bytes, prefixed so people recognise it in their settings. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** Hex HMAC-SHA256 of `<timestamp>.<body>` with the webhook's secret. */
export function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The Captionary-Signature header value for `body` sent at `timestamp` (unix seconds). */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

/**
 * Checks a Captionary-Signature header against the raw body, as a receiver does: any `v1` entry
 * may match (several appear while a secret is rotated), and the timestamp must be recent.
 */
export function verifySignatureHeader(
  header: string,
  body: string,
  secret: string,
  { toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = Date.now() } = {},
): boolean {
  const parts = header.split(',').map((part) => part.trim().split('='));
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isInteger(timestamp)) return false;
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(computeSignature(secret, timestamp, body), 'hex');
  return parts
    .filter(([key, value]) => key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/.test(value))
    .some(([, value]) => timingSafeEqual(expected, Buffer.from(value!, 'hex')));
}
