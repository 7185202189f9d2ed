import { z } from 'zod';

/** BullMQ queue that carries background imports (URL lists, folders, buckets) inside the web app. */
export const DATA_IMPORT_QUEUE = 'data-imports';

/**
 * Payload of one import job. The run row in Postgres holds everything else; `itemsKey` names a
 * stored URL list that belongs to this run alone (REST imports) instead of the connection's listing.
 */
export const DataImportPayload = z.object({
  importRunId: z.uuid(),
  /** `import` skips external ids already present; `resync` re-reads them and marks the vanished. */
  mode: z.enum(['import', 'resync']),
  itemsKey: z.string().min(1).optional(),
});
export type DataImportPayload = z.infer<typeof DataImportPayload>;
