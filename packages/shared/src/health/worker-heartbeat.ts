import { z } from 'zod';

/** Redis key prefix of inference worker heartbeats: `<prefix><workerId>`, JSON, with a TTL. */
export const WORKER_HEARTBEAT_PREFIX = 'captionary:worker:';
/** Seconds a heartbeat lives; workers refresh it at a third of this. */
export const WORKER_HEARTBEAT_TTL_SECONDS = 15;

/** What an inference worker reports about itself, read by /api/health and the UI. */
export const WorkerHeartbeat = z.object({
  workerId: z.string(),
  hostname: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
  model: z.object({
    name: z.string(),
    checksum: z.string(),
    /** The built-in tiny model: its captions are nonsense, and the UI says so. */
    tiny: z.boolean(),
    provider: z.string(),
  }),
  /** Batches in flight on this worker. */
  busy: z.number().int().min(0),
});
export type WorkerHeartbeat = z.infer<typeof WorkerHeartbeat>;
