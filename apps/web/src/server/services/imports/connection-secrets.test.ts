import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { S3Credentials } from './connection-config';
import { decryptSecrets, encryptSecrets } from './connection-secrets';

const key = randomBytes(32);
const secrets = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' };

describe('connection secrets', () => {
  it('encrypts so that the stored text does not contain the secret, and decrypts back', () => {
    const stored = encryptSecrets(key, secrets);
    expect(stored).not.toContain(secrets.secretAccessKey);
    expect(stored).not.toContain(Buffer.from(secrets.secretAccessKey).toString('base64'));
    expect(encryptSecrets(key, secrets)).not.toBe(stored);
    expect(decryptSecrets(key, stored, S3Credentials)).toEqual(secrets);
  });

  it('refuses a wrong key and a tampered value', () => {
    const stored = encryptSecrets(key, secrets);
    expect(() => decryptSecrets(randomBytes(32), stored, S3Credentials)).toThrow(
      /cannot be decrypted/,
    );
    const parts = stored.split('.');
    parts[3] = Buffer.from('{"accessKeyId":"x","secretAccessKey":"y"}').toString('base64url');
    expect(() => decryptSecrets(key, parts.join('.'), S3Credentials)).toThrow(
      /cannot be decrypted/,
    );
  });
});
