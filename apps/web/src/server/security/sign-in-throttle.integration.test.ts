// Sign-in limits on next-auth's real credentials sign-in (real argon2 check, real database, real
// Redis): failures count per email and address and per address, a refusal is 429 with
// Retry-After and the URL next-auth's client reads, and a successful sign-in clears the slate.
import type { Db } from '@captionary/db';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsSignInRequest, nextAuthTestHandler } from '../auth/next-auth-test-handler';
import { buildAuthOptions } from '../auth/options';
import { createTestUser, testDb, type TestUser } from '../testing/fixtures';
import { RateLimiter } from './rate-limiter';
import { throttleSignIn, type SignInThrottle } from './sign-in-throttle';

const nextAuth = nextAuthTestHandler(
  buildAuthOptions({
    NEXTAUTH_SECRET: 'integration-test-secret-of-at-least-32-chars',
    NEXTAUTH_URL: 'http://localhost:3000',
  }),
);
let db: Db;
let redis: Redis;
let user: TestUser;

beforeAll(async () => {
  db = testDb();
  redis = new Redis(process.env.REDIS_URL!);
  user = await createTestUser(db, 'throttle');
});
afterAll(async () => {
  redis.disconnect();
  await db.$disconnect();
});

/** Limits of their own per test (names unique), small enough to reach. */
function throttle(perEmail: number, perAddress: number): SignInThrottle {
  const run = randomUUID();
  return {
    limiter: new RateLimiter(redis),
    rules: {
      signInFailuresPerEmail: { name: `test-email-${run}`, limit: perEmail, windowSeconds: 900 },
      signInFailuresPerAddress: {
        name: `test-address-${run}`,
        limit: perAddress,
        windowSeconds: 900,
      },
    },
    publicUrl: 'http://localhost:3000',
  };
}

/** A random documentation-range address, so runs never share counters. */
const randomAddress = () =>
  `2001:db8::${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;

async function attempt(
  limits: SignInThrottle,
  email: string,
  password: string,
  address: string,
): Promise<Response> {
  const request = await credentialsSignInRequest(
    nextAuth,
    { email, password },
    { headers: { 'x-forwarded-for': address } },
  );
  return throttleSignIn(request, () => nextAuth(request), limits);
}

describe('throttleSignIn', () => {
  it('refuses an email from an address after the allowed failures, with 429 and Retry-After', async () => {
    const limits = throttle(3, 100);
    const address = randomAddress();
    for (let i = 0; i < 3; i++) {
      expect((await attempt(limits, user.email, 'wrong password', address)).status).toBe(401);
    }
    // Even the right password is refused now: the guesser must not learn it was right.
    const refused = await attempt(limits, user.email, user.password, address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    expect(refused.headers.getSetCookie().join()).not.toContain('session-token');
    const body = await refused.json();
    expect(body.error).toEqual({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^Too many failed sign-ins\. Try again in \d+ minutes?\.$/),
    });
    expect(new URL(body.url).searchParams.get('error')).toBe('RateLimited');

    // The same account from another address is not locked out.
    expect((await attempt(limits, user.email, user.password, randomAddress())).status).toBe(200);
  });

  it('refuses an address that fails for many emails', async () => {
    const limits = throttle(100, 3);
    const address = randomAddress();
    for (let i = 0; i < 3; i++) {
      const email = `nobody-${randomUUID()}@test.captionary.dev`;
      expect((await attempt(limits, email, 'guess', address)).status).toBe(401);
    }
    expect((await attempt(limits, user.email, user.password, address)).status).toBe(429);
  });

  it('forgets earlier failures of an email once its owner signs in', async () => {
    const limits = throttle(3, 100);
    const address = randomAddress();
    expect((await attempt(limits, user.email, 'wrong', address)).status).toBe(401);
    expect((await attempt(limits, user.email, 'wrong', address)).status).toBe(401);
    expect((await attempt(limits, user.email, user.password, address)).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect((await attempt(limits, user.email, 'wrong', address)).status).toBe(401);
    }
    expect((await attempt(limits, user.email, 'wrong', address)).status).toBe(429);
  });

  it('does not count sign-ins that never checked a password (no CSRF token)', async () => {
    const limits = throttle(1, 100);
    const address = randomAddress();
    for (let i = 0; i < 3; i++) {
      const request = new Request('http://localhost:3000/api/auth/callback/credentials', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': address,
        },
        body: new URLSearchParams({ email: user.email, password: 'wrong', json: 'true' }),
      });
      expect((await throttleSignIn(request, () => nextAuth(request), limits)).status).not.toBe(429);
    }
    expect((await attempt(limits, user.email, 'wrong', address)).status).toBe(401);
    expect((await attempt(limits, user.email, 'wrong', address)).status).toBe(429);
  });

  it('leaves every other next-auth request alone', async () => {
    const limits = throttle(1, 1);
    for (let i = 0; i < 3; i++) {
      const response = await throttleSignIn(
        new Request('http://localhost:3000/api/auth/csrf'),
        () => nextAuth(new Request('http://localhost:3000/api/auth/csrf')),
        limits,
      );
      expect(response.status).toBe(200);
    }
  });
});
