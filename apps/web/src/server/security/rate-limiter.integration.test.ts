// The limiter against the real Redis: counts shared by every client, windows that end, counts
// taken back, and requests let through (not refused) while Redis does not answer.
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { RateLimiter, type RateLimitRule } from './rate-limiter';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const clients: Redis[] = [];
function connect(url = redisUrl, options = {}): Redis {
  const client = new Redis(url, { lazyConnect: false, ...options });
  clients.push(client);
  return client;
}
afterAll(() => {
  for (const client of clients) client.disconnect();
});

const rule = (limit: number, windowSeconds = 60): RateLimitRule => ({
  name: `test-${randomUUID()}`,
  limit,
  windowSeconds,
});

describe('RateLimiter', () => {
  it('allows `limit` hits per window, counted across processes (here: two connections)', async () => {
    const first = new RateLimiter(connect());
    const second = new RateLimiter(connect());
    const three = rule(3);
    expect((await first.hit(three, 'a')).allowed).toBe(true);
    expect((await second.hit(three, 'a')).allowed).toBe(true);
    expect((await first.hit(three, 'a')).allowed).toBe(true);
    const fourth = await second.hit(three, 'a');
    expect(fourth).toMatchObject({ count: 4, allowed: false });
    expect(fourth.retryAfterSeconds).toBeGreaterThan(0);
    expect(fourth.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another subject has a count of its own.
    expect(await first.hit(three, 'b')).toMatchObject({ count: 1, allowed: true });
  });

  it('peeks without counting, and says whether one more hit would pass', async () => {
    const limiter = new RateLimiter(connect());
    const two = rule(2);
    expect(await limiter.peek(two, 'x')).toMatchObject({ count: 0, allowed: true });
    await limiter.hit(two, 'x');
    expect(await limiter.peek(two, 'x')).toMatchObject({ count: 1, allowed: true });
    await limiter.hit(two, 'x');
    expect(await limiter.peek(two, 'x')).toMatchObject({ count: 2, allowed: false });
  });

  it('counts a hit only while its guard is under its own limit', async () => {
    const limiter = new RateLimiter(connect());
    const guard = { rule: rule(1), subject: '203.0.113.5' };
    const budget = rule(5);
    expect(await limiter.guardedHit(guard, budget, 'key')).toMatchObject({
      guard: { count: 0, allowed: true },
      hit: { count: 1, allowed: true },
    });
    await limiter.hit(guard.rule, guard.subject);
    const blocked = await limiter.guardedHit(guard, budget, 'key');
    expect(blocked.hit).toBeNull();
    expect(blocked.guard).toMatchObject({ count: 1, allowed: false });
    expect(blocked.guard.retryAfterSeconds).toBeGreaterThan(0);
    // The blocked hit was not counted.
    expect(await limiter.peek(budget, 'key')).toMatchObject({ count: 1 });
  });

  it('starts counting again once the window is over', async () => {
    const limiter = new RateLimiter(connect());
    const perSecond = rule(1, 1);
    await limiter.hit(perSecond, 'y');
    expect((await limiter.hit(perSecond, 'y')).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await limiter.hit(perSecond, 'y')).toMatchObject({ count: 1, allowed: true });
  });

  it('takes hits back and forgets a subject, never below zero', async () => {
    const limiter = new RateLimiter(connect());
    const one = rule(1);
    await limiter.hit(one, 'z');
    await limiter.refund(one, 'z');
    await limiter.refund(one, 'z');
    expect(await limiter.peek(one, 'z')).toMatchObject({ count: 0, allowed: true });
    await limiter.hit(one, 'z');
    await limiter.hit(one, 'z');
    await limiter.reset(one, 'z');
    expect((await limiter.hit(one, 'z')).allowed).toBe(true);
  });

  it('keeps no email or address in clear in Redis key names', async () => {
    const redis = connect();
    const limiter = new RateLimiter(redis);
    const named = rule(5);
    await limiter.hit(named, 'someone@example.com');
    const keys = await redis.keys(`captionary:rate-limit:${named.name}:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('someone');
  });

  it('lets requests through, and logs, while Redis does not answer', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    // Nothing listens on port 1; offline queue off, as the app's own connection.
    const down = connect('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    down.on('error', () => {});
    const limiter = new RateLimiter(down);
    const one = rule(1);
    expect((await limiter.hit(one, 'q')).allowed).toBe(true);
    expect((await limiter.hit(one, 'q')).allowed).toBe(true);
    expect((await limiter.peek(one, 'q')).allowed).toBe(true);
    expect(await limiter.guardedHit({ rule: one, subject: 'g' }, one, 'q')).toMatchObject({
      guard: { allowed: true },
      hit: { allowed: true },
    });
    await limiter.refund(one, 'q');
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/rate limits not enforced/));
    errors.mockRestore();
  });
});
