import { z } from 'zod';

/** Redis key prefix of jobs-process heartbeats: `<prefix><processId>`, JSON, with a TTL. */
export const JOBS_HEARTBEAT_PREFIX = 'captionary:jobs:';
/** Seconds a jobs heartbeat lives; the process refreshes it at a third of this. */
export const JOBS_HEARTBEAT_TTL_SECONDS = 15;

/**
 * What a jobs process (data imports, exports, sync-back runs, webhook deliveries) reports about
 * itself, read by /api/health and the UI.
 */
export const JobsHeartbeat = z.object({
  processId: z.string(),
  hostname: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
  /** The queues it takes jobs from. */
  queues: z.array(z.string()),
});
export type JobsHeartbeat = z.infer<typeof JobsHeartbeat>;
