import { z } from 'zod';
import { JobsHeartbeat } from '../health/jobs-heartbeat';
import { WorkerHeartbeat } from '../health/worker-heartbeat';

/** Response of GET /api/health; status is "ok" when the database and Redis both answer. */
export const HealthReport = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.object({ ok: z.boolean() }),
  redis: z.object({ ok: z.boolean() }),
  workers: z.array(WorkerHeartbeat),
  /** The jobs processes (imports, exports, sync-back runs, webhooks) running now. */
  jobs: z.array(JobsHeartbeat),
  /** The model the workers serve (the first worker's), or null when no worker is running. */
  model: z.object({ name: z.string(), tiny: z.boolean() }).nullable(),
});
export type HealthReport = z.infer<typeof HealthReport>;
