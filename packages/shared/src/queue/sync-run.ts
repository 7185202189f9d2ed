import { z } from 'zod';

/** BullMQ queue that carries sync-back runs (captions written to a connection) in the web app. */
export const SYNC_RUN_QUEUE = 'sync-runs';

/** Payload of one sync job: the run row in Postgres holds everything else. */
export const SyncRunPayload = z.object({ syncRunId: z.uuid() });
export type SyncRunPayload = z.infer<typeof SyncRunPayload>;
