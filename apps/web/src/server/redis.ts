import { Redis } from 'ioredis';
import { serverEnv } from '../env';

const holder = globalThis as typeof globalThis & { captionaryRedis?: Redis };

/**
 * The process-wide Redis connection for reads the web app makes (health, worker heartbeats).
 * Commands fail fast while Redis is down instead of queueing, so a page never hangs on it.
 */
export function getRedis(): Redis {
  if (!holder.captionaryRedis) {
    const redis = new Redis(serverEnv().REDIS_URL, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: 2_000,
    });
    let lastLogged = 0;
    // ioredis reconnects by itself; log at most once a minute rather than on every retry.
    redis.on('error', (error: Error) => {
      if (Date.now() - lastLogged < 60_000) return;
      lastLogged = Date.now();
      console.error(`redis: ${error.message}`);
    });
    holder.captionaryRedis = redis;
  }
  return holder.captionaryRedis;
}

/** Resolves once the connection is ready; rejects after `timeoutMs` (offline queue is off). */
export async function redisReady(redis: Redis, timeoutMs = 2_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis not ready after ${timeoutMs} ms (status ${redis.status})`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}
