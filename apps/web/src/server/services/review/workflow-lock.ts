// A per-project lock between workflow changes and item transitions. Transitions route with the
// workflow they read; without this, one that read the old workflow could move an item into a
// step that a concurrent change removes, after that change re-routed the step's items. It is an
// advisory lock (lock manager only), so thousands of transitions sharing it write nothing.
import { Prisma } from '@captionary/db';
import type { DbClient } from '../actor';

/**
 * The lock's key for the project whose id `projectId` (SQL) gives. Transitions take it shared,
 * inside the statement that locks their item (lockWorkItem).
 */
export function workflowLockKey(projectId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`hashtextextended('workflow:' || (${projectId})::text, 0)`;
}

/** Exclusive: taken by a workflow change; waits for transitions in flight to commit. */
export async function lockWorkflowExclusive(tx: DbClient, projectId: string): Promise<void> {
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(${workflowLockKey(Prisma.sql`${projectId}::uuid`)})`;
}
