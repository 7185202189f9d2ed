// Stored export files are kept for EXPORT_RETENTION_DAYS after they were written, then deleted by
// a sweep that the exports worker runs every hour. The Export row stays (who exported what is
// history); it is marked expired, and downloading it answers 410.
import type { Db, ObjectStorage } from '@captionary/db';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Files deleted per sweep; the next sweep takes the rest. */
const SWEEP_LIMIT = 500;

export interface ExportRetention {
  retentionDays: number;
}

/** When a file finished at `finishedAt` expires. */
export function exportExpiresAt(finishedAt: Date, { retentionDays }: ExportRetention): Date {
  return new Date(finishedAt.getTime() + retentionDays * DAY_MS);
}

/**
 * Deletes the files of exports that finished longer than the retention ago and marks them
 * expired; returns how many files were deleted. The row is marked before its file is deleted and
 * loses its storage key after: a sweep interrupted in between leaves an expired row (never a
 * downloadable row without its file), and the next sweep finishes the deletion.
 */
export async function expireExportFiles(
  deps: { db: Db; storage: ObjectStorage },
  retention: ExportRetention,
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - retention.retentionDays * DAY_MS);
  const due = await deps.db.export.findMany({
    where: {
      storageKey: { not: null },
      OR: [{ expiredAt: { not: null } }, { status: 'SUCCEEDED', finishedAt: { lt: cutoff } }],
    },
    orderBy: { finishedAt: 'asc' },
    take: SWEEP_LIMIT,
    select: { id: true, storageKey: true, expiredAt: true },
  });
  for (const record of due) {
    if (!record.expiredAt) {
      await deps.db.export.update({ where: { id: record.id }, data: { expiredAt: now } });
    }
    await deps.storage.remove(record.storageKey!);
    await deps.db.export.update({ where: { id: record.id }, data: { storageKey: null } });
  }
  return due.length;
}
