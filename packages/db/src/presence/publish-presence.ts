// A process's presence in Redis: one key with a TTL, refreshed at a third of it, so readers
// (/api/health, the header banner) see the process for as long as it is alive and soon after it
// dies see it gone. Inference workers and jobs processes publish their heartbeats through it.
import type { Redis } from 'ioredis';

export interface PresenceOptions {
  key: string;
  ttlSeconds: number;
  /** The value to store, read again at every beat (so it may report changing state). */
  value: () => string;
  /** Called at every beat too, e.g. to touch a file a container health check watches. */
  onBeat?: () => void;
}

export function publishPresence(redis: Redis, { key, ttlSeconds, value, onBeat }: PresenceOptions) {
  const beat = () => {
    onBeat?.();
    redis.set(key, value(), 'EX', ttlSeconds).catch(() => {
      // Redis away for a moment: the next beat, or the reconnect below, tries again.
    });
  };
  beat();
  // The connection fails fast while Redis is down, so beat again as soon as it is back.
  redis.on('ready', beat);
  const timer = setInterval(beat, (ttlSeconds * 1000) / 3);
  return {
    /** Stops beating and removes the key, so readers see the process gone at once. */
    stop: async () => {
      clearInterval(timer);
      redis.off('ready', beat);
      await redis.del(key).catch(() => {});
    },
  };
}
