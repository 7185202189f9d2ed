// One background sync job: load the run and its connection, open the target, run the sync, and
// keep the SyncRun row current so the Sync page shows live counts.
import type { Db } from '@captionary/db';
import type { SyncRunPayload } from '@captionary/shared';
import type { ImportSettings } from '../imports/import-settings';
import { openSyncTarget } from './open-sync-target';
import { runSync, type SyncCounts, type SyncOutcome } from './run-sync';
import { SyncTargetError } from './sync-errors';
import { describeFailures } from './sync-summaries';

export interface SyncDependencies {
  db: Db;
  settings: ImportSettings;
}

/** Counts are written to the run at most this often while it works. */
const PROGRESS_INTERVAL_MS = 500;

export const INTERRUPTED_MESSAGE = 'The sync was interrupted before it finished; run it again';

/**
 * Runs the sync a queue job names. A finished run is left as it is; a run found RUNNING (its
 * process died) is carried on, which is safe because every write compares first.
 */
export async function processSyncRun(
  { db, settings }: SyncDependencies,
  payload: SyncRunPayload,
  signal: AbortSignal = new AbortController().signal,
  onProgress?: (counts: SyncCounts) => void,
): Promise<SyncOutcome | null> {
  const run = await db.syncRun.findUnique({
    where: { id: payload.syncRunId },
    select: {
      id: true,
      projectId: true,
      connectionId: true,
      status: true,
      since: true,
      connection: { select: { kind: true, config: true, secretsEncrypted: true } },
    },
  });
  if (!run || run.status === 'SUCCEEDED' || run.status === 'FAILED') return null;
  if (run.status === 'QUEUED') {
    // The start of the work, not of the queueing, is what the next run's `since` builds on.
    await db.syncRun.update({
      where: { id: run.id },
      data: { status: 'RUNNING', startedAt: new Date() },
    });
  }
  const fail = (error: string) =>
    db.syncRun.update({
      where: { id: run.id },
      data: { status: 'FAILED', error, finishedAt: new Date() },
    });

  let target;
  try {
    target = await openSyncTarget(run.connection, settings);
  } catch (error) {
    if (!(error instanceof SyncTargetError)) console.error('opening sync target failed', error);
    await fail(error instanceof SyncTargetError ? error.message : 'The sync could not start');
    return null;
  }
  let lastSaved = 0;
  try {
    const outcome = await runSync({
      db,
      scope: { projectId: run.projectId, connectionId: run.connectionId },
      since: run.since,
      target,
      signal,
      onProgress: async (counts) => {
        onProgress?.(counts);
        if (Date.now() - lastSaved < PROGRESS_INTERVAL_MS) return;
        lastSaved = Date.now();
        const { written, removed, unchanged } = counts;
        await db.syncRun.update({ where: { id: run.id }, data: { written, removed, unchanged } });
      },
    });
    const { written, removed, unchanged, failed } = outcome.counts;
    const finishedAt = new Date();
    await db.$transaction([
      db.syncRun.update({
        where: { id: run.id },
        data: {
          status: 'SUCCEEDED',
          written,
          removed,
          unchanged,
          error: describeFailures(failed, outcome.failures),
          finishedAt,
        },
      }),
      db.dataConnection.update({
        where: { id: run.connectionId },
        data: { lastSyncedAt: finishedAt },
      }),
    ]);
    return outcome;
  } catch (error) {
    if (signal.aborted) {
      await fail(INTERRUPTED_MESSAGE);
      return null;
    }
    console.error(`sync run ${run.id} failed`, error);
    await fail(error instanceof SyncTargetError ? error.message : 'The sync failed unexpectedly');
    return null;
  } finally {
    target.close();
  }
}
