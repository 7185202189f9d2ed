// What must hold for a finished caption job, whatever happened while it ran: every row in exactly
// one terminal state, the job's counters equal to those states, one prediction (and one pre-label
// revision) per row, and every batch settled.
import { expect } from 'vitest';
import type { Db } from '@captionary/db';

export async function expectEveryRowSettledOnce(
  db: Db,
  jobId: string,
  expected: { done: number; failed: number },
): Promise<void> {
  const job = await db.captionJob.findUniqueOrThrow({ where: { id: jobId } });
  expect(job.finishedAt).not.toBeNull();

  const byStatus = await db.captionJobRow.groupBy({
    by: ['status'],
    where: { jobId },
    _count: { _all: true },
  });
  const rows = Object.fromEntries(byStatus.map((group) => [group.status, group._count._all]));
  expect(rows).toEqual({
    ...(expected.done ? { DONE: expected.done } : {}),
    ...(expected.failed ? { FAILED: expected.failed } : {}),
  });
  expect({ total: job.totalRows, done: job.doneRows, failed: job.failedRows }).toEqual({
    total: expected.done + expected.failed,
    done: rows.DONE ?? 0,
    failed: rows.FAILED ?? 0,
  });

  const predictions = await db.prediction.findMany({
    where: { jobId },
    select: { dataRowId: true },
  });
  expect(predictions).toHaveLength(expected.done);
  expect(new Set(predictions.map((p) => p.dataRowId)).size).toBe(expected.done);
  const doneRows = await db.captionJobRow.findMany({
    where: { jobId, status: 'DONE' },
    select: { dataRowId: true },
  });
  expect(new Set(predictions.map((p) => p.dataRowId))).toEqual(
    new Set(doneRows.map((r) => r.dataRowId)),
  );
  const revisions = await db.labelRevision.count({
    where: { label: { dataRowId: { in: doneRows.map((r) => r.dataRowId) } } },
  });
  expect(revisions, 'one pre-label revision per captioned row').toBe(expected.done);

  expect(await db.captionJobBatch.count({ where: { jobId, status: { not: 'DONE' } } })).toBe(0);
}
