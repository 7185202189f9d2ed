import { describe, expect, it } from 'vitest';
import { parseServerEnv } from './env';

const base = {
  DATABASE_URL: 'postgresql://localhost/x',
  REDIS_URL: 'redis://localhost:6379',
  NEXTAUTH_SECRET: 'a-secret-of-at-least-thirty-two-characters',
};

describe('import settings in the server env', () => {
  it('reads allow-listed hosts and the encryption key', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const env = parseServerEnv({
      ...base,
      IMPORT_ALLOW_HOSTS: ' 127.0.0.1:8123, MinIO.internal:9000 ,[::1]:80',
      DATA_ENCRYPTION_KEY: key,
    });
    expect(env.IMPORT_ALLOW_HOSTS).toEqual(['127.0.0.1:8123', 'minio.internal:9000', '[::1]:80']);
    expect(env.DATA_ENCRYPTION_KEY).toEqual(Buffer.alloc(32, 7));
    expect(env.DATA_ROOT).toBeUndefined();
    expect(env.IMPORT_MAX_BYTES).toBe(50 * 1024 * 1024);
  });

  it('refuses hosts without a port and keys of the wrong size', () => {
    expect(() => parseServerEnv({ ...base, IMPORT_ALLOW_HOSTS: '10.0.0.1' })).toThrow(/host:port/);
    expect(() =>
      parseServerEnv({ ...base, DATA_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') }),
    ).toThrow(/32 bytes/);
  });
});
