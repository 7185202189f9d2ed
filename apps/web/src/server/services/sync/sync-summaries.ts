// What clients see of sync runs.
import type { Prisma, SyncRun } from '@captionary/db';
import type { SyncFailure } from './sync-errors';

export interface SyncRunSummary {
  id: string;
  projectId: string;
  connectionId: string;
  status: SyncRun['status'];
  /** Labels changed at or after this time were published; null for a full run. */
  since: Date | null;
  written: number;
  removed: number;
  unchanged: number;
  /** Why the run failed, or which files it could not handle while it finished. */
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export const SYNC_RUN_SELECT = {
  id: true,
  projectId: true,
  connectionId: true,
  status: true,
  since: true,
  written: true,
  removed: true,
  unchanged: true,
  error: true,
  startedAt: true,
  finishedAt: true,
} satisfies Prisma.SyncRunSelect;

export function toSyncRunSummary(
  run: Prisma.SyncRunGetPayload<{ select: typeof SYNC_RUN_SELECT }>,
): SyncRunSummary {
  return { ...run };
}

/** The run's error text for files that failed: how many, then the first reasons. */
export function describeFailures(failed: number, failures: SyncFailure[]): string | null {
  if (failed === 0) return null;
  const listed = failures.map((failure) => `${failure.file}: ${failure.error}`).join('; ');
  const more = failed > failures.length ? ` (and ${failed - failures.length} more)` : '';
  return `${failed} ${failed === 1 ? 'file' : 'files'} could not be synced. ${listed}${more}`;
}
