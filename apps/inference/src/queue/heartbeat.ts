// Publishes this worker's status to Redis so /api/health and the UI can tell which model is
// loaded (and warn when it is the tiny one).
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { publishPresence } from '@captionary/db';
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
  const startedAt = new Date().toISOString();
  const presence = publishPresence(redis, {
    key: WORKER_HEARTBEAT_PREFIX + workerId,
    ttlSeconds: WORKER_HEARTBEAT_TTL_SECONDS,
    value: () => {
      const heartbeat: WorkerHeartbeat = {
        workerId,
        hostname: os.hostname(),
        pid: process.pid,
        startedAt,
        model,
        busy: busy(),
      };
      return JSON.stringify(heartbeat);
    },
    // The container health check watches the file's age (see the Dockerfile).
    onBeat: heartbeatFile
      ? () => void writeFile(heartbeatFile, workerId).catch(() => {})
      : undefined,
  });
  return { workerId, stop: presence.stop };
}
