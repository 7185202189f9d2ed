// A batch the queue has given up on (its attempts are spent, or it stalled too often) must still
// end, or its job would stay RUNNING forever: its rows that are still pending fail with the
// reason, the batch settles, and "retry failed" can pick those rows up later.
import type { Db } from '../client';
import { finishJobIfSettled, lockCaptionJob } from './caption-job-control';

export interface AbandonedBatch {
  jobId: string;
  batchId: string;
  /** Why the queue gave up; stored on each failed row. */
  error: string;
}

/**
 * Fails the pending rows of a batch that will not run again and closes the job when it was the
 * last open batch. Returns how many rows failed; 0 when the batch had already settled, so calling
 * it twice (the worker and a sweep both noticed) changes nothing the second time.
 */
export async function failCaptionBatch(
  db: Db,
  { jobId, batchId, error }: AbandonedBatch,
): Promise<number> {
  return db.$transaction(async (tx) => {
    await lockCaptionJob(tx, jobId);
    const [result] = await tx.$queryRaw<{ failed: number }[]>`
      WITH batch AS (
        UPDATE "CaptionJobBatch" SET status = 'DONE', "updatedAt" = now()
        WHERE id = ${batchId}::uuid AND "jobId" = ${jobId}::uuid AND status IN ('PENDING', 'RUNNING')
        RETURNING id
      ), failed AS (
        UPDATE "CaptionJobRow" SET status = 'FAILED', error = ${error.slice(0, 500)}, "updatedAt" = now()
        WHERE "jobId" = ${jobId}::uuid AND "batchId" IN (SELECT id FROM batch) AND status = 'PENDING'
        RETURNING 1
      )
      UPDATE "CaptionJob" SET "failedRows" = "failedRows" + (SELECT count(*) FROM failed)::int
      WHERE id = ${jobId}::uuid
      RETURNING (SELECT count(*) FROM failed)::int AS failed`;
    await finishJobIfSettled(tx, jobId);
    return result?.failed ?? 0;
  });
}
