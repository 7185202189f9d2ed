import { createHash, randomBytes } from 'node:crypto';

/** Prefix that makes leaked platform keys easy to recognise (and to scan for). */
export const API_KEY_PREFIX = 'cap_';

/** A new secret token: 32 random bytes, base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Tokens are 256-bit random values, so one fast SHA-256 is enough to store them safely
 * (a slow password hash only matters for guessable secrets).
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new API key: the full key (shown once), its hash (stored), and a display prefix. */
export function generateApiKey(): { key: string; keyHash: string; prefix: string } {
  const key = API_KEY_PREFIX + randomToken(32);
  return { key, keyHash: hashToken(key), prefix: key.slice(0, API_KEY_PREFIX.length + 6) };
}
