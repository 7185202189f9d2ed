// API-key authentication of REST requests, on the real database and Redis: a key authenticated
// moments ago is not looked up again, within a bounded interval, and a revocation in this process
// takes effect at once.
import type { Db } from '@captionary/db';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../security/rate-limiter';
import { RecentApiKeys } from '../services/recent-api-keys';
import { callerFor, createTestTeam, testDb } from '../testing/fixtures';
import { authenticateApiKeyRequest } from './api-key-route';

let db: Db;
let redis: Redis;
beforeAll(() => {
  db = testDb();
  redis = new Redis(process.env.REDIS_URL!);
});
afterAll(async () => {
  redis.disconnect();
  await db.$disconnect();
});

const limits = () => {
  const run = randomUUID();
  return {
    limiter: new RateLimiter(redis),
    rules: {
      apiKeyRequests: { name: `test-key-${run}`, limit: 100, windowSeconds: 60 },
      apiKeyFailuresPerAddress: { name: `test-failures-${run}`, limit: 5, windowSeconds: 60 },
    },
  };
};

const requestWith = (key: string) =>
  new Request('http://localhost:3000/api/v1/projects', {
    headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': '203.0.113.9' },
  });

async function teamKey() {
  const { teamId, members } = await createTestTeam(db, ['OWNER']);
  const owner = callerFor(db, members.OWNER, teamId);
  const { key, apiKey } = await owner.apiKeys.create({ name: 'script', role: 'ADMIN' });
  return { teamId, owner, key, apiKeyId: apiKey.id };
}

describe('authenticateApiKeyRequest', () => {
  it('trusts a key it has just authenticated for the interval, then asks the database again', async () => {
    const { teamId, key, apiKeyId } = await teamKey();
    let now = 1_000_000;
    const recent = new RecentApiKeys(5_000, () => now);
    const rules = limits();

    expect(await authenticateApiKeyRequest(db, requestWith(key), rules, recent)).toMatchObject({
      teamId,
      apiKeyId,
    });
    // Revoked by another web process: this one goes on trusting the key within the interval…
    await db.apiKey.update({ where: { id: apiKeyId }, data: { revokedAt: new Date() } });
    now += 4_999;
    expect(await authenticateApiKeyRequest(db, requestWith(key), rules, recent)).toMatchObject({
      apiKeyId,
    });
    await recent.settled();
    // …and not a moment longer.
    now += 1;
    await expect(
      authenticateApiKeyRequest(db, requestWith(key), rules, recent),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('keeps a key in steady use trusted by looking it up again in the background', async () => {
    const { key, apiKeyId } = await teamKey();
    let now = 1_000_000;
    const recent = new RecentApiKeys(5_000, () => now);
    const rules = limits();
    await authenticateApiKeyRequest(db, requestWith(key), rules, recent);
    // Past half the interval a request is answered from memory and the key is looked up again…
    now += 2_500;
    await authenticateApiKeyRequest(db, requestWith(key), rules, recent);
    await recent.settled();
    // …so it is still trusted after the first interval, without a lookup in front of the request.
    await db.apiKey.update({ where: { id: apiKeyId }, data: { revokedAt: new Date() } });
    now += 4_999;
    expect(await authenticateApiKeyRequest(db, requestWith(key), rules, recent)).toMatchObject({
      apiKeyId,
    });
    // That request's own lookup ahead finds the revocation: the key is refused from then on.
    await recent.settled();
    await expect(
      authenticateApiKeyRequest(db, requestWith(key), rules, recent),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('asks the database every time with an interval of 0', async () => {
    const { key, apiKeyId } = await teamKey();
    const recent = new RecentApiKeys(0);
    const rules = limits();
    await authenticateApiKeyRequest(db, requestWith(key), rules, recent);
    await db.apiKey.update({ where: { id: apiKeyId }, data: { revokedAt: new Date() } });
    await expect(
      authenticateApiKeyRequest(db, requestWith(key), rules, recent),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses a key revoked in this process at once', async () => {
    const { owner, key, apiKeyId } = await teamKey();
    const rules = limits();
    // The process's own remembered keys, as the route handlers use them.
    await authenticateApiKeyRequest(db, requestWith(key), rules);
    await owner.apiKeys.revoke({ apiKeyId });
    await expect(authenticateApiKeyRequest(db, requestWith(key), rules)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('counts every request against the key budget, remembered or not', async () => {
    const { key } = await teamKey();
    const rules = limits();
    rules.rules.apiKeyRequests.limit = 2;
    const recent = new RecentApiKeys(60_000);
    await authenticateApiKeyRequest(db, requestWith(key), rules, recent);
    await authenticateApiKeyRequest(db, requestWith(key), rules, recent);
    await expect(
      authenticateApiKeyRequest(db, requestWith(key), rules, recent),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
