// The BullMQ consumer. It only moves work: the model runs in worker threads (see runtime/), so
// this thread stays free to renew job locks while a batch is being captioned.
import { UnrecoverableError, Worker } from 'bullmq';
import { CAPTION_BATCH_QUEUE, CaptionBatchPayload } from '@captionary/shared';
import { failCaptionBatch, redisConnection } from '@captionary/db';
import { processCaptionBatch, type BatchContext } from '../jobs/process-caption-batch';

export interface CaptionWorkerOptions {
  redisUrl: string;
  concurrency: number;
  prefix?: string;
  lockMs?: number;
}

export function startCaptionBatchWorker(
  context: BatchContext,
  { redisUrl, concurrency, prefix, lockMs = 60_000 }: CaptionWorkerOptions,
) {
  let busy = 0;
  const worker = new Worker<CaptionBatchPayload>(
    CAPTION_BATCH_QUEUE,
    async (job) => {
      const payload = CaptionBatchPayload.safeParse(job.data);
      // A malformed payload will never succeed: fail it without retries.
      if (!payload.success)
        throw new UnrecoverableError(`invalid caption batch payload: ${payload.error.message}`);
      busy++;
      try {
        return await processCaptionBatch(context, payload.data);
      } finally {
        busy--;
      }
    },
    {
      connection: redisConnection(redisUrl, { worker: true }),
      prefix,
      concurrency,
      // A batch whose worker died is handed to another worker after the lock lapses.
      lockDuration: lockMs,
      stalledInterval: Math.max(1000, Math.round(lockMs / 4)),
      maxStalledCount: 5,
    },
  );
  // Settling a batch the queue gave up on; close() waits for these so a drain loses none.
  const settling = new Set<Promise<void>>();
  worker.on('failed', (job, error) => {
    console.error(
      `batch ${job?.data.batchId} attempt ${job?.attemptsMade} failed: ${error.message}`,
    );
    // finishedOn is set only when the queue will not retry the batch again.
    const payload = CaptionBatchPayload.safeParse(job?.data);
    if (!job?.finishedOn || !payload.success) return;
    const settle = failCaptionBatch(context.db, {
      ...payload.data,
      error: `gave up after ${job.attemptsMade} attempt(s): ${error.message}`,
    })
      .then((failed) => console.error(`batch ${payload.data.batchId}: ${failed} row(s) failed`))
      // Postgres unreachable: the batch stays open and the next sweep settles it.
      .catch((cause: Error) => console.error(`batch ${payload.data.batchId}: ${cause.message}`))
      .finally(() => settling.delete(settle));
    settling.add(settle);
  });
  worker.on('error', (error) => console.error(`queue error: ${error.message}`));
  return {
    worker,
    busy: () => busy,
    /** Stops taking batches, waits for those in flight, then for the settling of given-up ones. */
    close: async () => {
      await worker.close();
      await Promise.all(settling);
    },
  };
}
