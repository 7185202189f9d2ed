// apiKeyRoute's prefetch, on the real database and Redis: a route's first read may start while
// the request is being counted, but its result, or its error, only ever reaches an admitted
// request of a key with the role the route asks for.
import type { Db } from '@captionary/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { rateLimitRules } from '../security/rate-limit-rules';
import { rateLimiter } from '../security/rate-limiter';
import { callerFor, createTestTeam, testDb } from '../testing/fixtures';
import { apiKeyRoute } from './api-key-route';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

async function teamKey(role: 'LABELER' | 'ADMIN') {
  const { teamId, members } = await createTestTeam(db, ['OWNER']);
  const owner = callerFor(db, members.OWNER, teamId);
  const { key, apiKey } = await owner.apiKeys.create({ name: 'script', role });
  return { key, apiKeyId: apiKey.id };
}

const call = (route: ReturnType<typeof apiKeyRoute<{ id: string }, string>>, key: string) =>
  route(
    new Request('http://localhost:3000/api/v1/things/abc', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
    }),
    { params: Promise.resolve({ id: 'abc' }) },
  );

/** A route whose prefetch and handler record that they ran. */
function recordingRoute(minRole: 'LABELER' | 'ADMIN', prefetch: () => Promise<string>) {
  const ran: string[] = [];
  const route = apiKeyRoute<{ id: string }, string>(
    minRole,
    async ({ params, actor }, prefetched) => {
      ran.push('handler');
      return { id: params.id, prefetched, teamId: actor.teamId };
    },
    async () => {
      ran.push('prefetch');
      return prefetch();
    },
  );
  return { route, ran };
}

describe('apiKeyRoute with a prefetch', () => {
  it('hands the handler what the prefetch read', async () => {
    const { key } = await teamKey('LABELER');
    const { route, ran } = recordingRoute('LABELER', async () => 'read ahead');
    const response = await call(route, key);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 'abc', prefetched: 'read ahead' });
    expect(ran).toEqual(['prefetch', 'handler']);
  });

  it('answers with the prefetch’s error, without running the handler', async () => {
    const { key } = await teamKey('LABELER');
    const { route, ran } = recordingRoute('LABELER', async () => {
      throw new AppError('NOT_FOUND', 'Thing not found');
    });
    const response = await call(route, key);
    expect(response.status).toBe(404);
    expect(ran).toEqual(['prefetch']);
  });

  it('answers 429 to a key over its budget, whatever the prefetch found', async () => {
    const { key, apiKeyId } = await teamKey('LABELER');
    const rule = rateLimitRules().apiKeyRequests;
    await rateLimiter().hit(rule, apiKeyId, rule.limit);
    const { route, ran } = recordingRoute('LABELER', async () => {
      throw new AppError('NOT_FOUND', 'Thing not found');
    });
    const response = await call(route, key);
    expect(response.status).toBe(429);
    expect(ran).not.toContain('handler');
  });

  it('refuses a key below the route’s role before reading anything', async () => {
    const { key } = await teamKey('LABELER');
    const { route, ran } = recordingRoute('ADMIN', async () => 'read ahead');
    const response = await call(route, key);
    expect(response.status).toBe(403);
    expect(ran).toEqual([]);
  });
});
