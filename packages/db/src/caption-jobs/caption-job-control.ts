// What admins do to a running caption job: read its progress, cancel it, retry its failed rows.
// Postgres is the source of truth; the caller enqueues the batch ids these functions return.
import type { Db, DbTransaction } from '../client';
import type { CaptionJob } from '../generated/prisma/client';

/**
 * Locks a job's row for the rest of the transaction. Every transaction that changes a job's
 * batches takes this lock first, so they queue up in one order (job, then batches) and never
 * deadlock, and two batches settling at once see each other's commit.
 */
export async function lockCaptionJob(tx: DbTransaction, jobId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "CaptionJob" WHERE id = ${jobId}::uuid FOR UPDATE`;
}

/**
 * Closes the job once none of its batches is pending or running. Call it, after lockCaptionJob,
 * in the transaction that settled a batch: then the last batch to settle always closes the job.
 */
export async function finishJobIfSettled(tx: DbTransaction, jobId: string): Promise<void> {
  const open = await tx.captionJobBatch.count({
    where: { jobId, status: { in: ['PENDING', 'RUNNING'] } },
  });
  if (open > 0) return;
  await tx.$executeRaw`
    UPDATE "CaptionJob" SET
      status = (CASE WHEN status IN ('CANCELLING', 'CANCELLED') THEN 'CANCELLED' ELSE 'COMPLETED' END)::"CaptionJobStatus",
      "finishedAt" = COALESCE("finishedAt", now())
    WHERE id = ${jobId}::uuid AND status NOT IN ('COMPLETED', 'CANCELLED', 'FAILED')`;
}

export interface CaptionJobProgress {
  id: string;
  status: CaptionJob['status'];
  counts: { total: number; done: number; failed: number; skipped: number; pending: number };
  /** Rows finished per second since the job started (null before it starts). */
  rate: number | null;
  /** Seconds left at the current rate (null when unknown or finished). */
  etaSeconds: number | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export function describeProgress(job: CaptionJob, now = new Date()): CaptionJobProgress {
  const finished = job.doneRows + job.failedRows;
  const pending = Math.max(0, job.totalRows - finished);
  const end = job.finishedAt ?? now;
  const seconds = job.startedAt ? (end.getTime() - job.startedAt.getTime()) / 1000 : 0;
  const rate = job.startedAt && seconds > 0 ? finished / seconds : null;
  const active = job.status === 'RUNNING' || job.status === 'QUEUED';
  return {
    id: job.id,
    status: job.status,
    counts: {
      total: job.totalRows,
      done: job.doneRows,
      failed: job.failedRows,
      skipped: job.skippedRows,
      pending,
    },
    rate,
    etaSeconds: active && rate ? pending / rate : null,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

/**
 * Cancels a queued or running job: batches not started are cancelled at once (their rows stay
 * PENDING), batches in flight finish, and the job becomes CANCELLED when the last one does.
 * Returns false when the job had already ended.
 */
export async function cancelCaptionJob(db: Db, jobId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await lockCaptionJob(tx, jobId);
    const updated = await tx.captionJob.updateMany({
      where: { id: jobId, status: { in: ['QUEUED', 'RUNNING'] } },
      data: { status: 'CANCELLING' },
    });
    if (updated.count === 0) return false;
    await tx.captionJobBatch.updateMany({
      where: { jobId, status: 'PENDING' },
      data: { status: 'CANCELLED' },
    });
    await finishJobIfSettled(tx, jobId);
    return true;
  });
}

/**
 * Puts a finished job's failed rows back into new batches and reopens the job. Returns the new
 * batch ids (empty when nothing failed or the job is still running).
 */
export async function retryFailedRows(db: Db, jobId: string, batchSize = 16): Promise<string[]> {
  return db.$transaction(async (tx) => {
    await lockCaptionJob(tx, jobId);
    const job = await tx.captionJob.findUniqueOrThrow({ where: { id: jobId } });
    if (!['COMPLETED', 'CANCELLED', 'FAILED'].includes(job.status)) return [];
    const failed = await tx.captionJobRow.findMany({
      where: { jobId, status: 'FAILED' },
      select: { dataRowId: true },
      orderBy: { dataRowId: 'asc' },
    });
    if (failed.length === 0) return [];
    const last = await tx.captionJobBatch.aggregate({ where: { jobId }, _max: { seq: true } });
    const firstSeq = (last._max.seq ?? -1) + 1;
    const batchIds: string[] = [];
    for (let start = 0; start < failed.length; start += batchSize) {
      const batch = await tx.captionJobBatch.create({
        data: { jobId, seq: firstSeq + batchIds.length },
      });
      await tx.captionJobRow.updateMany({
        where: {
          jobId,
          dataRowId: { in: failed.slice(start, start + batchSize).map((r) => r.dataRowId) },
        },
        data: { status: 'PENDING', error: null, batchId: batch.id },
      });
      batchIds.push(batch.id);
    }
    await tx.captionJob.update({
      where: { id: jobId },
      data: { status: 'RUNNING', failedRows: { decrement: failed.length }, finishedAt: null },
    });
    return batchIds;
  });
}
