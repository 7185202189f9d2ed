import type { Db } from '@captionary/db';
import {
  JOBS_HEARTBEAT_PREFIX,
  JobsHeartbeat,
  WORKER_HEARTBEAT_PREFIX,
  WorkerHeartbeat,
  type HealthReport,
} from '@captionary/shared';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
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
 * Reads every heartbeat under `prefix`. SCAN, not KEYS, so a large Redis is never blocked;
 * heartbeats that do not parse (an older or newer process) are skipped rather than failing the
 * report.
 */
async function readHeartbeats<Schema extends z.ZodType>(
  redis: Redis,
  prefix: string,
  schema: Schema,
): Promise<z.infer<Schema>[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 100);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  const heartbeats: z.infer<Schema>[] = [];
  for (const value of values) {
    if (value === null) continue; // expired between SCAN and MGET
    try {
      const parsed = schema.safeParse(JSON.parse(value));
      if (parsed.success) heartbeats.push(parsed.data);
    } catch {
      // not JSON: ignore, as above
    }
  }
  return heartbeats;
}

/** The inference workers' heartbeats, by worker id. */
export async function readWorkerHeartbeats(redis: Redis): Promise<WorkerHeartbeat[]> {
  const workers = await readHeartbeats(redis, WORKER_HEARTBEAT_PREFIX, WorkerHeartbeat);
  return workers.sort((a, b) => a.workerId.localeCompare(b.workerId));
}

/** The jobs processes' heartbeats, by process id. */
export async function readJobsHeartbeats(redis: Redis): Promise<JobsHeartbeat[]> {
  const processes = await readHeartbeats(redis, JOBS_HEARTBEAT_PREFIX, JobsHeartbeat);
  return processes.sort((a, b) => a.processId.localeCompare(b.processId));
}

async function redisReport(
  redis: Redis,
): Promise<{ ok: boolean; workers: WorkerHeartbeat[]; jobs: JobsHeartbeat[] }> {
  try {
    await redisReady(redis);
    await redis.ping();
    const [workers, jobs] = await Promise.all([
      readWorkerHeartbeats(redis),
      readJobsHeartbeats(redis),
    ]);
    return { ok: true, workers, jobs };
  } catch (error) {
    console.error(`health: redis check failed: ${(error as Error).message}`);
    return { ok: false, workers: [], jobs: [] };
  }
}

/** Database, Redis, worker, jobs-process and model status for /api/health and the header banner. */
export async function checkHealth(db: Db, redis: Redis): Promise<HealthReport> {
  const [dbOk, redisResult] = await Promise.all([databaseAnswers(db), redisReport(redis)]);
  const first = redisResult.workers[0];
  return {
    status: dbOk && redisResult.ok ? 'ok' : 'degraded',
    db: { ok: dbOk },
    redis: { ok: redisResult.ok },
    workers: redisResult.workers,
    jobs: redisResult.jobs,
    model: first ? { name: first.model.name, tiny: first.model.tiny } : null,
  };
}
