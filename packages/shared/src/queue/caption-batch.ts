import { z } from 'zod';

/** BullMQ queue that carries caption batches from the web app to inference workers. */
export const CAPTION_BATCH_QUEUE = 'caption-batches';

/** Payload of one caption batch job: ids only; the worker reads everything else from Postgres. */
export const CaptionBatchPayload = z.object({
  jobId: z.string().min(1),
  batchId: z.string().min(1),
});
export type CaptionBatchPayload = z.infer<typeof CaptionBatchPayload>;
