import type { Db } from '@captionary/db';
import { WORKER_HEARTBEAT_PREFIX, WorkerHeartbeat, type HealthReport } from '@captionary/shared';
import type { Redis } from 'ioredis';
import { redisReady } from '../redis';

async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await db.$queryRaw`SELECT 1`;
    return true;
  } catch (error) {
    console.error('health: database check failed', error);
    return false;
  }
}

/**
 * Reads every worker heartbeat. SCAN, not KEYS, so a large Redis is never blocked; heartbeats
 * that do not parse (an older or newer worker) are skipped rather than failing the report.
 */
export async function readWorkerHeartbeats(redis: Redis): Promise<WorkerHeartbeat[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(
      cursor,
      'MATCH',
      `${WORKER_HEARTBEAT_PREFIX}*`,
      'COUNT',
      100,
    );
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  const workers: WorkerHeartbeat[] = [];
  for (const value of values) {
    if (value === null) continue; // expired between SCAN and MGET
    try {
      const parsed = WorkerHeartbeat.safeParse(JSON.parse(value));
      if (parsed.success) workers.push(parsed.data);
    } catch {
      // not JSON: ignore, as above
    }
  }
  return workers.sort((a, b) => a.workerId.localeCompare(b.workerId));
}

async function redisReport(redis: Redis): Promise<{ ok: boolean; workers: WorkerHeartbeat[] }> {
  try {
    await redisReady(redis);
    await redis.ping();
    return { ok: true, workers: await readWorkerHeartbeats(redis) };
  } catch (error) {
    console.error(`health: redis check failed: ${(error as Error).message}`);
    return { ok: false, workers: [] };
  }
}

/** Database, Redis, worker and model status for /api/health and the header banner. */
export async function checkHealth(db: Db, redis: Redis): Promise<HealthReport> {
  const [dbOk, redisResult] = await Promise.all([databaseAnswers(db), redisReport(redis)]);
  const first = redisResult.workers[0];
  return {
    status: dbOk && redisResult.ok ? 'ok' : 'degraded',
    db: { ok: dbOk },
    redis: { ok: redisResult.ok },
    workers: redisResult.workers,
    model: first ? { name: first.model.name, tiny: first.model.tiny } : null,
  };
}
