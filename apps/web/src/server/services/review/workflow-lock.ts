// A per-project lock between workflow changes and item transitions. Transitions route with the
// workflow they read; without this, one that read the old workflow could move an item into a
// step that a concurrent change removes, after that change re-routed the step's items. It is an
// advisory lock (lock manager only), so thousands of transitions sharing it write nothing.
import type { DbClient } from '../actor';

/** Shared: taken by every transition of the item's project before it reads the workflow. */
export async function lockWorkflowSharedForItem(tx: DbClient, itemId: string): Promise<void> {
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock_shared(hashtextextended('workflow:' || "projectId"::text, 0))
    FROM "WorkItem" WHERE id = ${itemId}::uuid`;
}

/** Exclusive: taken by a workflow change; waits for transitions in flight to commit. */
export async function lockWorkflowExclusive(tx: DbClient, projectId: string): Promise<void> {
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(hashtextextended('workflow:' || ${projectId}::uuid::text, 0))`;
}
