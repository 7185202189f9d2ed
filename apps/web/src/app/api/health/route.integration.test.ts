import { WORKER_HEARTBEAT_PREFIX, type WorkerHeartbeat } from '@captionary/shared';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET } from './route';

let redis: Redis;
const workerId = `test-${randomUUID()}`;

beforeAll(() => {
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
});
afterAll(async () => {
  await redis.del(`${WORKER_HEARTBEAT_PREFIX}${workerId}`);
  redis.disconnect();
  vi.unstubAllEnvs();
});

describe('GET /api/health', () => {
  it('reports db and redis ok, and the workers from their heartbeats', async () => {
    const heartbeat: WorkerHeartbeat = {
      workerId,
      hostname: 'test-host',
      pid: 1234,
      startedAt: new Date().toISOString(),
      model: { name: 'tiny-blip2', checksum: 'abc', tiny: true, provider: 'cpu' },
      busy: 0,
    };
    await redis.set(`${WORKER_HEARTBEAT_PREFIX}${workerId}`, JSON.stringify(heartbeat), 'EX', 30);
    await redis.set(`${WORKER_HEARTBEAT_PREFIX}broken-${workerId}`, 'not json', 'EX', 30);

    const response = await GET();
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report).toMatchObject({ status: 'ok', db: { ok: true }, redis: { ok: true } });
    expect(report.workers).toContainEqual(heartbeat);
    expect(report.model).toEqual({ name: expect.any(String), tiny: expect.any(Boolean) });
  });
});
