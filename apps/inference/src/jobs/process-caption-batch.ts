// Runs one caption batch end to end: reads the plan from Postgres, loads the images from storage,
// captions them, and writes predictions, row outcomes, pre-labels and the job's counters in one
// transaction. Safe to run twice for the same batch (a retry, or a stalled job picked up after a
// worker died): predictions are unique per job + row, and rows and counters only move from PENDING.
import { GenerationParams, type CaptionBatchPayload } from '@captionary/shared';
import { finishJobIfSettled, lockCaptionJob, type Db, type ObjectStorage } from '@captionary/db';
import type { ResizeMode } from '../preprocess/decode-image';
import type { CaptionPool } from '../runtime/caption-pool';
import { isCaptionFailure, type CaptionItemResult } from '../runtime/caption-result';
import { writeBatchResults, type RowResult } from './write-batch-results';

export interface BatchContext {
  db: Db;
  storage: ObjectStorage;
  captioner: Pick<CaptionPool, 'caption' | 'info'>;
  modelVersionId: string;
}

/**
 * A prediction's recorded settings: the job's generation parameters plus how the worker resized
 * the images, which also shapes the caption (see ResizeMode).
 */
function withPreprocessing(params: GenerationParams, resizeMode: ResizeMode | undefined) {
  return resizeMode ? { ...params, resize: resizeMode } : params;
}

export type BatchOutcome = 'done' | 'cancelled' | 'missing' | 'settled';

/** Thrown when the model failed every image of a batch: likely transient, so BullMQ retries it. */
export class BatchInferenceError extends Error {}

export async function processCaptionBatch(
  { db, storage, captioner, modelVersionId }: BatchContext,
  { jobId, batchId }: CaptionBatchPayload,
): Promise<BatchOutcome> {
  const batch = await db.captionJobBatch.findUnique({
    where: { id: batchId },
    include: { job: { select: { status: true, params: true } } },
  });
  if (!batch || batch.jobId !== jobId) return 'missing';
  if (batch.status === 'DONE') return 'done';
  if (batch.status === 'CANCELLED') return 'cancelled';

  // Cancel is honoured between batches: a batch not yet started is dropped, its rows stay PENDING.
  if (batch.job.status === 'CANCELLING' || batch.job.status === 'CANCELLED') {
    await db.$transaction(async (tx) => {
      await lockCaptionJob(tx, jobId);
      await tx.captionJobBatch.update({ where: { id: batchId }, data: { status: 'CANCELLED' } });
      await finishJobIfSettled(tx, jobId);
    });
    return 'cancelled';
  }

  // Another delivery of this batch (after a stall) may have settled it since it was read above:
  // only an open batch starts, so a settled one never goes back to RUNNING.
  const started = await db.$transaction(async (tx) => {
    await lockCaptionJob(tx, jobId);
    const opened = await tx.captionJobBatch.updateMany({
      where: { id: batchId, status: { in: ['PENDING', 'RUNNING'] } },
      data: { status: 'RUNNING', attempts: { increment: 1 } },
    });
    if (opened.count === 0) return false;
    await tx.captionJob.updateMany({
      where: { id: jobId, status: 'QUEUED' },
      data: { status: 'RUNNING', startedAt: new Date(), modelVersionId },
    });
    return true;
  });
  if (!started) return 'settled';

  const params = GenerationParams.parse(batch.job.params);
  const rows = await db.captionJobRow.findMany({
    where: { batchId, status: 'PENDING' },
    select: { dataRowId: true, dataRow: { select: { storageKey: true } } },
  });

  const results: RowResult[] = [];
  const readable: { dataRowId: string; image: Buffer }[] = [];
  await Promise.all(
    rows.map(async (row) => {
      try {
        readable.push({
          dataRowId: row.dataRowId,
          image: await storage.read(row.dataRow.storageKey),
        });
      } catch (error) {
        // A missing original is a property of the row, not a transient fault: fail it, no retry.
        results.push({
          dataRowId: row.dataRowId,
          outcome: {
            error: `image unavailable: ${(error as Error).message}`,
            reason: 'unreadable',
          },
        });
      }
    }),
  );
  const outcomes: CaptionItemResult[] = readable.length
    ? await captioner.caption(
        readable.map((r) => r.image),
        params,
      )
    : [];
  if (
    outcomes.length > 0 &&
    outcomes.every((o) => isCaptionFailure(o) && o.reason === 'inference-failed')
  ) {
    const first = outcomes[0] as { error: string };
    throw new BatchInferenceError(`inference failed for the whole batch: ${first.error}`);
  }
  readable.forEach((row, i) => results.push({ dataRowId: row.dataRowId, outcome: outcomes[i]! }));

  await db.$transaction(
    async (tx) => {
      await lockCaptionJob(tx, jobId);
      await writeBatchResults(tx, {
        jobId,
        batchId,
        modelVersionId,
        params: withPreprocessing(params, captioner.info.resizeMode),
        results,
      });
      await finishJobIfSettled(tx, jobId);
    },
    { timeout: 60_000 },
  );
  return 'done';
}
