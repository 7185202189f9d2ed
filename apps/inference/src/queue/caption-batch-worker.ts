// The BullMQ consumer. It only moves work: the model runs in worker threads (see runtime/), so
// this thread stays free to renew job locks while a batch is being captioned.
import { UnrecoverableError, Worker } from 'bullmq';
import { CAPTION_BATCH_QUEUE, CaptionBatchPayload } from '@captionary/shared';
import { redisConnection } from '@captionary/db';
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
  worker.on('failed', (job, error) => {
    console.error(
      `batch ${job?.data.batchId} attempt ${job?.attemptsMade} failed: ${error.message}`,
    );
  });
  worker.on('error', (error) => console.error(`queue error: ${error.message}`));
  return { worker, busy: () => busy };
}
