// Publishes this worker's status to Redis so /api/health and the UI can tell which model is
// loaded (and warn when it is the tiny one).
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  WORKER_HEARTBEAT_PREFIX,
  WORKER_HEARTBEAT_TTL_SECONDS,
  type WorkerHeartbeat,
} from '@captionary/shared';

export function startHeartbeat(
  redis: Redis,
  model: WorkerHeartbeat['model'],
  busy: () => number,
  heartbeatFile?: string,
) {
  const workerId = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const key = WORKER_HEARTBEAT_PREFIX + workerId;
  const startedAt = new Date().toISOString();
  const beat = () => {
    const heartbeat: WorkerHeartbeat = {
      workerId,
      hostname: os.hostname(),
      pid: process.pid,
      startedAt,
      model,
      busy: busy(),
    };
    if (heartbeatFile) writeFile(heartbeatFile, heartbeat.workerId).catch(() => {});
    redis.set(key, JSON.stringify(heartbeat), 'EX', WORKER_HEARTBEAT_TTL_SECONDS).catch(() => {
      // Redis away for a moment: the next beat tries again; health shows the worker missing meanwhile.
    });
  };
  beat();
  const timer = setInterval(beat, (WORKER_HEARTBEAT_TTL_SECONDS * 1000) / 3);
  return {
    workerId,
    stop: async () => {
      clearInterval(timer);
      await redis.del(key).catch(() => {});
    },
  };
}
