// What the sync-run REST routes parse: the start body (the tRPC input; the project is in the
// path) and the list's query string.
import { StartSyncRequest } from '@captionary/shared';
import { z } from 'zod';

export const RestStartSyncBody = StartSyncRequest;

export const RestListSyncRunsQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .describe('Runs to return, newest first (1-100)'),
});
