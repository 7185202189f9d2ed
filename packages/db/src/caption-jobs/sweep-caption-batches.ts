// Postgres, not Redis, says which batches still need work. Redis can lose queued entries (a
// restart without its append-only file, a failover to a stale replica, a flush), and a batch the
// queue gave up on while Postgres was unreachable was never settled. The sweep compares the two
// and repairs the difference, so running jobs always finish.
import type { Queue } from 'bullmq';
import type { CaptionBatchPayload } from '@captionary/shared';
import type { Db } from '../client';
import { enqueueCaptionBatches } from './caption-queue';
import { failCaptionBatch } from './fail-caption-batch';

/** Batches checked per round trip to each store. */
const SWEEP_PAGE_SIZE = 500;

export interface SweepResult {
  /** Open batches that had no queue entry and were enqueued again. */
  requeued: number;
  /** Open batches whose queue entry had failed for good; their pending rows were failed. */
  abandoned: number;
}

export async function sweepCaptionBatches(
  db: Db,
  queue: Queue<CaptionBatchPayload>,
): Promise<SweepResult> {
  const result: SweepResult = { requeued: 0, abandoned: 0 };
  const jobs = await db.captionJob.findMany({
    where: { status: { in: ['QUEUED', 'RUNNING', 'CANCELLING'] } },
    select: { id: true },
  });
  for (const { id: jobId } of jobs) {
    let afterSeq = -1;
    for (;;) {
      const batches = await db.captionJobBatch.findMany({
        where: { jobId, status: { in: ['PENDING', 'RUNNING'] }, seq: { gt: afterSeq } },
        select: { id: true, seq: true },
        orderBy: { seq: 'asc' },
        take: SWEEP_PAGE_SIZE,
      });
      if (batches.length === 0) break;
      afterSeq = batches.at(-1)!.seq;
      // The batch id is the queue entry's id. The lookups go out together (one pipeline).
      const states = await Promise.all(batches.map((batch) => queue.getJobState(batch.id)));
      const lost = batches.filter((_, i) => states[i] === 'unknown').map((batch) => batch.id);
      if (lost.length) {
        await enqueueCaptionBatches(queue, jobId, lost);
        result.requeued += lost.length;
      }
      for (const [i, batch] of batches.entries()) {
        if (states[i] !== 'failed') continue;
        const entry = await queue.getJob(batch.id);
        const error = `gave up after ${entry?.attemptsMade ?? '?'} attempt(s): ${entry?.failedReason ?? 'unknown error'}`;
        await failCaptionBatch(db, { jobId, batchId: batch.id, error });
        result.abandoned++;
      }
      if (batches.length < SWEEP_PAGE_SIZE) break;
    }
  }
  return result;
}
