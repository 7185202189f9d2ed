// Publishes the jobs process's presence to Redis so /api/health and the header banner can tell
// when no process is taking imports, exports, sync-back runs and webhook deliveries.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { publishPresence } from '@captionary/db';
import {
  JOBS_HEARTBEAT_PREFIX,
  JOBS_HEARTBEAT_TTL_SECONDS,
  type JobsHeartbeat,
} from '@captionary/shared';
import type { Redis } from 'ioredis';

export function startJobsHeartbeat(redis: Redis, queues: string[]) {
  const processId = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const heartbeat: JobsHeartbeat = {
    processId,
    hostname: os.hostname(),
    pid: process.pid,
    startedAt: new Date().toISOString(),
    queues,
  };
  const presence = publishPresence(redis, {
    key: JOBS_HEARTBEAT_PREFIX + processId,
    ttlSeconds: JOBS_HEARTBEAT_TTL_SECONDS,
    value: () => JSON.stringify(heartbeat),
  });
  return { processId, stop: presence.stop };
}
