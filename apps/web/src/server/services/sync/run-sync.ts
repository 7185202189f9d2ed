// One sync of a connection: publish the captions changed since the last clean run, take down the
// sidecars of images that vanished or lost their approval, and rewrite the manifest. Every step
// compares before it writes, so a run can be repeated, or rerun after an interruption, safely.
import type { Db } from '@captionary/db';
import { SYNC_MANIFEST_NAME, SyncManifestLine } from '@captionary/shared';
import {
  syncFailureMessage,
  SyncItemError,
  SyncTargetError,
  type SyncFailure,
} from './sync-errors';
import {
  changedRowPages,
  manifestLines,
  unpublishedFiles,
  type ChangedRow,
  type SyncScope,
} from './sync-queries';
import { sidecarContent, type SyncTarget } from './sync-target';
import { forEachConcurrently } from '../../for-each-concurrently';

/** Files written or removed at once (S3 requests, disk writes). */
const CONCURRENCY = 8;
/** Old manifest entries checked against the database together. */
const MANIFEST_CHECK_CHUNK = 500;
/** Failures kept with their reasons; the count covers them all. */
export const MAX_KEPT_FAILURES = 20;

export interface SyncCounts {
  /** Sidecars and manifest written because their content changed or they were missing. */
  written: number;
  /** Sidecars deleted. */
  removed: number;
  /** Files checked that already held the right content. */
  unchanged: number;
  failed: number;
}

export interface SyncOutcome {
  counts: SyncCounts;
  /** The first MAX_KEPT_FAILURES failures. */
  failures: SyncFailure[];
}

export interface SyncJob {
  db: Db;
  scope: SyncScope;
  /** Labels changed at or after this time are published; null re-checks every one. */
  since: Date | null;
  target: SyncTarget;
  signal: AbortSignal;
  /** Called with the counts so far after each page of rows. */
  onProgress?: (counts: SyncCounts) => Promise<void> | void;
}

/** Image paths an old manifest lists, in chunks; lines that are not manifest lines are skipped. */
async function* manifestFileChunks(lines: AsyncIterable<string>): AsyncIterable<string[]> {
  let chunk: string[] = [];
  for await (const line of lines) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    const entry = SyncManifestLine.safeParse(parsed);
    if (!entry.success) continue;
    chunk.push(entry.data.file);
    if (chunk.length >= MANIFEST_CHECK_CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

export async function runSync(job: SyncJob): Promise<SyncOutcome> {
  const { db, scope, since, target, signal } = job;
  const counts: SyncCounts = { written: 0, removed: 0, unchanged: 0, failed: 0 };
  const failures: SyncFailure[] = [];

  const attempt = async (file: string, work: () => Promise<void>) => {
    signal.throwIfAborted();
    try {
      await work();
    } catch (error) {
      if (signal.aborted) throw error;
      counts.failed += 1;
      if (failures.length < MAX_KEPT_FAILURES) {
        failures.push({ file, error: syncFailureMessage(error, file) });
      }
    }
  };
  const publish = (row: ChangedRow) =>
    attempt(row.externalId, async () => {
      const outcome = await target.writeSidecar(
        row.externalId,
        sidecarContent(row.label.caption),
        signal,
      );
      counts[outcome] += 1;
    });
  const takeDown = (file: string) =>
    attempt(file, async () => {
      if (await target.removeSidecar(file, signal)) counts.removed += 1;
    });

  // 1. What changed since the last clean run.
  for await (const page of changedRowPages(db, scope, since)) {
    await forEachConcurrently(page, CONCURRENCY, async (row) => {
      if (row.removedAt === null && row.label.status === 'APPROVED') await publish(row);
      // Only a caption that was approved once can have been published.
      else if (row.label.approvedAt !== null) await takeDown(row.externalId);
    });
    await job.onProgress?.({ ...counts });
  }

  // 2. Whatever the last manifest published that is no longer approved (un-approved before any
  //    approval time was kept, or changed while a run was interrupted).
  try {
    for await (const files of manifestFileChunks(target.readManifestLines(signal))) {
      const stale = await unpublishedFiles(db, scope, files);
      await forEachConcurrently(stale, CONCURRENCY, takeDown);
    }
  } catch (error) {
    if (signal.aborted) throw error;
    // An unreadable old manifest only means fewer stale sidecars are found this time.
    await attempt(SYNC_MANIFEST_NAME, () => {
      throw error instanceof SyncTargetError ? new SyncItemError(error.message) : error;
    });
  }
  await job.onProgress?.({ ...counts });

  // 3. The manifest of every approved caption, rewritten only when it differs.
  await attempt(SYNC_MANIFEST_NAME, async () => {
    const outcome = await target.writeManifest(manifestLines(db, scope), signal);
    counts[outcome] += 1;
  });
  return { counts, failures };
}
