// Connection credentials at rest: AES-256-GCM with the server's DATA_ENCRYPTION_KEY. The stored
// string is `v1.<iv>.<tag>.<ciphertext>` (base64url), so a later key scheme can sit beside it.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { z } from 'zod';

const VERSION = 'v1';

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

/** Encrypts a JSON value; the IV is random per call, so equal secrets never look equal. */
export function encryptSecrets(key: Buffer, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
  return [VERSION, ...parts].join('.');
}

/** Decrypts and validates; a wrong key or a tampered value fails authentication and throws. */
export function decryptSecrets<Schema extends z.ZodType>(
  key: Buffer,
  stored: string,
  schema: Schema,
): z.infer<Schema> {
  const [version, iv, tag, ciphertext] = stored.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
    throw new SecretBoxError('Stored credentials are in an unknown format');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]);
    return schema.parse(JSON.parse(plain.toString('utf8')));
  } catch {
    throw new SecretBoxError(
      'Stored credentials cannot be decrypted (was DATA_ENCRYPTION_KEY changed?)',
    );
  }
}
