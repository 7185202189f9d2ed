// The import loop shared by every connection kind: list the source, skip what the project already
// has, read and store the rest with bounded concurrency, insert rows in batches, and keep the
// ImportRun row up to date. Re-sync also re-reads known items and marks vanished ones removed.
import type { Db, ObjectStorage } from '@captionary/db';
import type { ImportFailure } from '@captionary/shared';
import { storeImage } from './image-intake';
import { ImportSourceError, itemFailureMessage } from './import-item-error';
import { ImportProgress, type ImportCounts } from './import-progress';
import {
  findExistingDigests,
  findRowsByExternalId,
  insertRows,
  markVanishedRows,
  replaceRowImage,
  restoreRows,
  type ExistingRow,
  type NewRow,
} from './row-writes';
import type { ImportSource, SourceItem } from './sources/import-source';
import { forEachConcurrently } from '../../for-each-concurrently';

/** Items whose existing rows are looked up together. */
const LOOKUP_CHUNK = 500;
/** New rows inserted together. */
const INSERT_BATCH = 200;

export type ImportMode = 'import' | 'resync';

export interface ImportJob {
  db: Db;
  storage: ObjectStorage;
  run: { id: string; projectId: string; connectionId: string };
  mode: ImportMode;
  concurrency: number;
  /** Keep every failure in memory (short imports answered in the request), not only the first. */
  keepAllFailures?: boolean;
  signal?: AbortSignal;
}

export interface ImportOutcome {
  status: 'SUCCEEDED' | 'FAILED';
  error: string | null;
  counts: ImportCounts;
  failures: ImportFailure[];
}

function splitDuplicates(items: SourceItem[]): { unique: SourceItem[]; duplicates: number } {
  const seen = new Set<string>();
  const unique = items.filter((item) => !seen.has(item.externalId) && seen.add(item.externalId));
  return { unique, duplicates: items.length - unique.length };
}

function sourceFailureMessage(error: unknown): string {
  if (error instanceof ImportSourceError) return error.message;
  if (error instanceof Error && error.name === 'AbortError') return 'The import was interrupted';
  if (error instanceof Error && error.name === 'SecretBoxError') return error.message;
  console.error('import failed', error);
  return 'The import stopped on an internal error';
}

/** Runs one import to the end; the run row ends SUCCEEDED or FAILED (with a reason). */
export async function runImport(job: ImportJob, source: ImportSource): Promise<ImportOutcome> {
  const { db, run } = job;
  const progress = new ImportProgress(db, run.id, job.keepAllFailures);
  const signal = job.signal ?? new AbortController().signal;
  await db.importRun.update({
    where: { id: run.id },
    data: { status: 'RUNNING', startedAt: new Date(), finishedAt: null, error: null },
  });
  try {
    await importAll(job, source, progress, signal);
    const finishedAt = new Date();
    await progress.flush({ status: 'SUCCEEDED', finishedAt });
    await db.dataConnection.update({
      where: { id: run.connectionId },
      data: { lastSyncedAt: finishedAt },
    });
    return {
      status: 'SUCCEEDED',
      error: null,
      counts: progress.counts,
      failures: progress.failures,
    };
  } catch (error) {
    const message = sourceFailureMessage(error);
    await progress.flush({ status: 'FAILED', error: message, finishedAt: new Date() });
    return {
      status: 'FAILED',
      error: message,
      counts: progress.counts,
      failures: progress.failures,
    };
  }
}

async function importAll(
  job: ImportJob,
  source: ImportSource,
  progress: ImportProgress,
  signal: AbortSignal,
): Promise<void> {
  const { db, run, storage } = job;
  const listed = await source.list(signal);
  const { unique, duplicates } = splitDuplicates(listed);
  progress.counts.totalItems = listed.length;
  // A second line with the same external id is the same item listed twice.
  progress.add('skipped', duplicates);
  await progress.flush();

  let pending: NewRow[] = [];
  let writes = Promise.resolve();
  // Batches are written one after another so each sees the digests the previous one inserted.
  // Reads finish in any order; when two items hold the same image, the one listed first is kept
  // (the other is skipped), so an import's outcome does not depend on download timing.
  const listedAt = new Map(unique.map((item, index) => [item.externalId, index]));
  const writePending = () => {
    const batch = pending.sort(
      (a, b) => listedAt.get(a.item.externalId)! - listedAt.get(b.item.externalId)!,
    );
    pending = [];
    writes = writes.then(() => writeNewRows(db, run, batch, progress));
    return writes;
  };

  for (let start = 0; start < unique.length; start += LOOKUP_CHUNK) {
    const chunk = unique.slice(start, start + LOOKUP_CHUNK);
    const existing = await findRowsByExternalId(
      db,
      run.projectId,
      chunk.map((item) => item.externalId),
    );
    const toRead: { item: SourceItem; row?: ExistingRow }[] = [];
    for (const item of chunk) {
      const row = existing.get(item.externalId);
      // Re-sync re-reads this connection's own rows; anything else already present is skipped.
      if (!row) toRead.push({ item });
      else if (job.mode === 'resync' && row.connectionId === run.connectionId) {
        toRead.push({ item, row });
      } else progress.add('skipped');
    }
    const restored: string[] = [];
    await forEachConcurrently(toRead, job.concurrency, async ({ item, row }) => {
      signal.throwIfAborted();
      try {
        const image = await storeImage(storage, run.projectId, await source.read(item, signal));
        if (!row) {
          pending.push({ item, image });
          if (pending.length >= INSERT_BATCH) await writePending();
        } else if (row.sha256 === image.sha256) {
          if (row.removedAt) restored.push(row.id);
          progress.add('skipped');
        } else {
          await replaceRowImage(db, row.id, { item, image });
          progress.add('changed');
        }
      } catch (error) {
        signal.throwIfAborted();
        progress.fail(item.sourceUri, itemFailureMessage(error, item.sourceUri));
      }
      await progress.flushIfDue();
    });
    await writePending();
    await restoreRows(db, restored);
  }

  if (job.mode === 'resync') {
    progress.counts.removed = await markVanishedRows(
      db,
      run.connectionId,
      unique.map((item) => item.externalId),
    );
  }
}

/** Inserts new rows, skipping images the project already holds under another external id. */
async function writeNewRows(
  db: Db,
  run: ImportJob['run'],
  batch: NewRow[],
  progress: ImportProgress,
): Promise<void> {
  if (!batch.length) return;
  const known = await findExistingDigests(
    db,
    run.projectId,
    batch.map((row) => row.image.sha256),
  );
  const fresh = batch.filter((row) => !known.has(row.image.sha256) && known.add(row.image.sha256));
  const inserted = await insertRows(db, run.projectId, run.connectionId, fresh);
  progress.add('created', inserted.size);
  progress.add('skipped', batch.length - inserted.size);
}
