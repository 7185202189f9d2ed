// Runs one background export: reads its Export row, writes the file from one snapshot, reports
// progress, and records the outcome. Safe to rerun: the file is rewritten as a whole.
import type { Db, ObjectStorage } from '@captionary/db';
import { exportFormatFromDb, ExportFilters, type ExportJobProgress } from '@captionary/shared';
import { emitProjectEvent } from '../webhooks/emit';
import { markExportFailed, markExportSucceeded } from './export-records';
import { exportStorageKey, writeExportFile } from './export-files';
import { countExportRows } from './export-query';
import { openExportSnapshot } from './export-snapshot';
import { exportSource } from './export-source';
import { textToByteStream } from './text-byte-stream';

export interface BackgroundExportDeps {
  db: Db;
  databaseUrl: string;
  storage: ObjectStorage;
}

/** How often progress is written: every this many rows (Postgres and the job's progress). */
const PROGRESS_EVERY_ROWS = 5_000;

export async function runBackgroundExport(
  deps: BackgroundExportDeps,
  exportId: string,
  reportProgress: (progress: ExportJobProgress) => Promise<void>,
): Promise<void> {
  const record = await deps.db.export.findUnique({ where: { id: exportId } });
  // Deleted with its project meanwhile, or already done by an earlier attempt.
  if (!record || record.status === 'SUCCEEDED') return;
  const format = exportFormatFromDb(record.format);
  // Stored by this app from validated input, but parsed again: the row is read back from disk.
  const filters = ExportFilters.parse(record.filters);
  await deps.db.export.update({
    where: { id: exportId },
    data: { status: 'RUNNING', error: null, rowCount: 0 },
  });
  const snapshot = await openExportSnapshot(deps.databaseUrl);
  let rowCount = 0;
  let byteSize = 0;
  try {
    const started = await snapshot.client.query<{ now: Date }>('SELECT now() AS now');
    const total = await countExportRows(snapshot.client, record.projectId, filters);
    await reportProgress({ total, rows: 0 });
    let pending: Promise<unknown> = Promise.resolve();
    let reportedRows = 0;
    const source = exportSource({
      readers: snapshot.readers,
      projectId: record.projectId,
      format,
      filters,
      takenAt: started.rows[0]!.now,
      onRows: (rows) => {
        rowCount = rows;
        if (rows - reportedRows < PROGRESS_EVERY_ROWS) return;
        reportedRows = rows;
        // One progress write in flight at a time; the export does not wait for it.
        pending = pending.then(() =>
          Promise.all([
            reportProgress({ total, rows }),
            deps.db.export.update({ where: { id: exportId }, data: { rowCount: rows } }),
          ]).catch((error: Error) => console.error(`export ${exportId} progress`, error)),
        );
      },
    });
    const key = exportStorageKey(record.projectId, exportId, format);
    const bytes = textToByteStream(source.pieces, {
      onFinish: async (totals) => void (byteSize = totals.bytes),
      onAbort: async (_reason, totals) => void (byteSize = totals.bytes),
    });
    await writeExportFile(deps.storage, key, bytes);
    await pending;
    await reportProgress({ total, rows: rowCount });
    await markExportSucceeded(deps.db, exportId, { rowCount, byteSize, storageKey: key });
    await emitProjectEvent(deps.db, record.projectId, 'export.ready', {
      export_id: exportId,
      format,
      row_count: rowCount,
      filters,
      download_path: `/api/exports/${exportId}/file`,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await markExportFailed(deps.db, exportId, message, { rowCount, byteSize });
    throw error;
  } finally {
    await snapshot.close();
  }
}
