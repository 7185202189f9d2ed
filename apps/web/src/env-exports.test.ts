import { describe, expect, it } from 'vitest';
import { parseServerEnv } from './env';

const base = {
  DATABASE_URL: 'postgresql://localhost/x',
  REDIS_URL: 'redis://localhost:6379',
  NEXTAUTH_SECRET: 'a-secret-of-at-least-thirty-two-characters',
};

describe('export retention in the server env', () => {
  it('keeps export files for 7 days unless EXPORT_RETENTION_DAYS says otherwise', () => {
    expect(parseServerEnv(base).EXPORT_RETENTION_DAYS).toBe(7);
    expect(parseServerEnv({ ...base, EXPORT_RETENTION_DAYS: '30' }).EXPORT_RETENTION_DAYS).toBe(30);
  });

  it('refuses retentions that are not a whole number of days from 1 to 3650', () => {
    for (const value of ['0', '-3', '1.5', 'a week', '4000']) {
      expect(() => parseServerEnv({ ...base, EXPORT_RETENTION_DAYS: value }), value).toThrow(
        /EXPORT_RETENTION_DAYS/,
      );
    }
  });
});
