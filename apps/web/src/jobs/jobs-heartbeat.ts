// Publishes the jobs process's presence to Redis so /api/health and the header banner can tell
// when no process is taking imports, exports, sync-back runs and webhook deliveries.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import {
  JOBS_HEARTBEAT_PREFIX,
  JOBS_HEARTBEAT_TTL_SECONDS,
  type JobsHeartbeat,
} from '@captionary/shared';
import type { Redis } from 'ioredis';

export function startJobsHeartbeat(redis: Redis, queues: string[]) {
  const processId = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const key = JOBS_HEARTBEAT_PREFIX + processId;
  const heartbeat: JobsHeartbeat = {
    processId,
    hostname: os.hostname(),
    pid: process.pid,
    startedAt: new Date().toISOString(),
    queues,
  };
  const beat = () => {
    redis.set(key, JSON.stringify(heartbeat), 'EX', JOBS_HEARTBEAT_TTL_SECONDS).catch(() => {
      // Redis away for a moment: the next beat (or the reconnect) tries again.
    });
  };
  beat();
  // The connection fails fast while Redis is down, so it beats again as soon as it is back.
  redis.on('ready', beat);
  const timer = setInterval(beat, (JOBS_HEARTBEAT_TTL_SECONDS * 1000) / 3);
  return {
    processId,
    stop: async () => {
      clearInterval(timer);
      redis.off('ready', beat);
      await redis.del(key).catch(() => {});
    },
  };
}
