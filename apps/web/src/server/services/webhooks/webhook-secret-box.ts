// Webhook signing secrets at rest: encrypted with DATA_ENCRYPTION_KEY, like connection
// credentials, because the platform must read them back to sign each delivery.
import { z } from 'zod';
import { AppError } from '../../errors';
import { decryptSecrets, encryptSecrets } from '../imports/connection-secrets';

const StoredSecret = z.object({ signingSecret: z.string().min(1) });

/** The key, or UNAVAILABLE with a message an admin can act on. */
export function requireEncryptionKey(key: Buffer | undefined): Buffer {
  if (!key) {
    throw new AppError(
      'UNAVAILABLE',
      'Webhook secrets cannot be stored: the operator has not set DATA_ENCRYPTION_KEY',
    );
  }
  return key;
}

export function sealWebhookSecret(key: Buffer, signingSecret: string): string {
  return encryptSecrets(key, { signingSecret });
}

/** Throws SecretBoxError when the stored value was made with another key or was altered. */
export function openWebhookSecret(key: Buffer, stored: string): string {
  return decryptSecrets(key, stored, StoredSecret).signingSecret;
}
