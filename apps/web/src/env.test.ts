import { describe, expect, it } from 'vitest';
import { parseServerEnv, ServerEnvError, usesSecureCookies } from './env';

const complete = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/captionary',
  REDIS_URL: 'redis://127.0.0.1:6379',
  NEXTAUTH_SECRET: 'x'.repeat(32),
};

describe('parseServerEnv', () => {
  it('accepts a complete environment', () => {
    expect(parseServerEnv(complete).NEXTAUTH_SECRET).toHaveLength(32);
  });

  it('refuses a missing NEXTAUTH_SECRET with a message naming it', () => {
    const { NEXTAUTH_SECRET: _omitted, ...rest } = complete;
    expect(() => parseServerEnv(rest)).toThrow(ServerEnvError);
    expect(() => parseServerEnv(rest)).toThrow(/NEXTAUTH_SECRET/);
  });

  it('treats an empty NEXTAUTH_SECRET as missing', () => {
    expect(() => parseServerEnv({ ...complete, NEXTAUTH_SECRET: '' })).toThrow(/NEXTAUTH_SECRET/);
  });

  it('refuses a short NEXTAUTH_SECRET', () => {
    expect(() => parseServerEnv({ ...complete, NEXTAUTH_SECRET: 'short' })).toThrow(
      /NEXTAUTH_SECRET must be at least 32/,
    );
  });

  it('names every missing variable at once', () => {
    expect(() => parseServerEnv({})).toThrow(/DATABASE_URL[\s\S]*REDIS_URL[\s\S]*NEXTAUTH_SECRET/);
  });
});

describe('usesSecureCookies', () => {
  it('is true only for an https public URL', () => {
    expect(usesSecureCookies({ NEXTAUTH_URL: 'https://captions.example.org' })).toBe(true);
    expect(usesSecureCookies({ NEXTAUTH_URL: 'http://localhost:3000' })).toBe(false);
    expect(usesSecureCookies({ NEXTAUTH_URL: undefined })).toBe(false);
  });
});
