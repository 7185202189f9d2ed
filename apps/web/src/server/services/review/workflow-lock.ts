// A per-project lock between workflow changes and item transitions. Transitions route with the
// workflow they read; without this, one that read the old workflow could move an item into a
// step that a concurrent change removes, after that change re-routed the step's items. It is an
// advisory lock (lock manager only), so thousands of transitions sharing it write nothing. The
// key and the transitions' side live in SQL functions (migration `guarded_transitions`).
import { Prisma } from '@captionary/db';
import type { DbClient } from '../actor';

/**
 * An SQL condition for a transition's write: takes the workflow lock shared, then checks that the
 * project's stored workflow is still `workflowConfig` (as read), with a snapshot taken after the
 * lock — so a change that committed while the transition waited is seen, and one that starts
 * later waits for the transition's statement to finish.
 */
export function workflowIsCurrent(projectId: string, workflowConfig: unknown): Prisma.Sql {
  return Prisma.sql`workflow_is_current(${projectId}::uuid, ${JSON.stringify(workflowConfig)}::jsonb)`;
}

/** Exclusive: taken by a workflow change; waits for transitions in flight to commit. */
export async function lockWorkflowExclusive(tx: DbClient, projectId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(workflow_lock_key(${projectId}::uuid))`;
}
