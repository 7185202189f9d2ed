import { z } from 'zod';

/** BullMQ queue of background exports, run by a worker inside the web app. */
export const EXPORT_QUEUE = 'exports';

/** Payload of one background export; the Export row holds the format and filters. */
export const ExportJobPayload = z.object({ exportId: z.uuid() });
export type ExportJobPayload = z.infer<typeof ExportJobPayload>;

/** What a running export reports as its BullMQ progress (the row count is also in Postgres). */
export const ExportJobProgress = z.object({
  total: z.number().int().min(0),
  rows: z.number().int().min(0),
});
export type ExportJobProgress = z.infer<typeof ExportJobProgress>;
