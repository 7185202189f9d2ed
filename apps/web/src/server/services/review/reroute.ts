// Keeps every item in a step that exists when a project's workflow changes. Items in a step the
// new workflow no longer has (or whose type changed) move forward to the first step that exists,
// with a REROUTE revision each; nothing is dropped or approved behind anyone's back silently.
import type { WorkflowConfig, WorkflowStep } from '@captionary/shared';
import type { DbClient } from '../actor';
import { stepOfType } from './workflow-routing';

/** One removed step's items and where they go. */
export interface RerouteMove {
  fromStepId: string;
  to: WorkflowStep;
}

function existsInNew(step: WorkflowStep, newConfig: WorkflowConfig): boolean {
  return newConfig.steps.some((s) => s.id === step.id && s.type === step.type);
}

/**
 * Where the items of each removed step go. Label, rework and done steps map to their new
 * counterparts. A removed review step's items keep their progress: they enter the first review
 * step of the new workflow that follows the last step they had passed which still exists (so a
 * replaced step's items go to its replacement); when no review step follows, they are done.
 * Re-routed items enter review steps without filters: a person reviews more, never less.
 */
export function planReroute(oldConfig: WorkflowConfig, newConfig: WorkflowConfig): RerouteMove[] {
  const moves: RerouteMove[] = [];
  oldConfig.steps.forEach((step, index) => {
    if (existsInNew(step, newConfig)) return;
    if (step.type !== 'review') {
      moves.push({ fromStepId: step.id, to: stepOfType(newConfig, step.type) });
      return;
    }
    const passed = oldConfig.steps
      .slice(0, index)
      .reverse()
      .find((s) => s.type !== 'rework' && existsInNew(s, newConfig));
    const passedIndex = passed ? newConfig.steps.findIndex((s) => s.id === passed.id) : 0;
    const to =
      newConfig.steps.slice(passedIndex + 1).find((s) => s.type === 'review') ??
      stepOfType(newConfig, 'done');
    moves.push({ fromStepId: step.id, to });
  });
  return moves;
}

/**
 * Moves the items of removed steps (run in the transaction that stores the new workflow, after
 * taking the project's workflow lock). Returns how many items moved.
 */
export async function rerouteItems(
  tx: DbClient,
  projectId: string,
  oldConfig: WorkflowConfig,
  newConfig: WorkflowConfig,
  actorId: string | null,
): Promise<number> {
  let moved = 0;
  for (const { fromStepId, to } of planReroute(oldConfig, newConfig)) {
    const done = to.type === 'done';
    const comment = `Step "${fromStepId}" was removed from the workflow; moved to "${to.name}"`;
    // A claim on a moved item ends: the step its holder was working is gone.
    const [result] = await tx.$queryRaw<{ moved: number }[]>`
      WITH moved AS (
        UPDATE "WorkItem"
        SET "stepId" = ${to.id}, status = ${done ? 'DONE' : 'QUEUED'}::"WorkItemStatus",
            "claimedById" = NULL, "leaseExpiresAt" = NULL, "assignedToId" = NULL,
            version = version + 1, "enteredStepAt" = now(), "updatedAt" = now()
        WHERE "projectId" = ${projectId}::uuid AND "stepId" = ${fromStepId}
        RETURNING "dataRowId"
      ), approved AS (
        UPDATE "Label" l
        SET status = 'APPROVED', "approvedAt" = now(), version = l.version + 1, "updatedAt" = now()
        FROM moved WHERE ${done} AND l."dataRowId" = moved."dataRowId" AND l.status <> 'APPROVED'
        RETURNING l.id
      ), revisions AS (
        INSERT INTO "LabelRevision" ("labelId", "actorId", action, "stepId", before, after, comment)
        SELECT l.id, ${actorId}::uuid, 'REROUTE', ${to.id}, l.caption, l.caption, ${comment}
        FROM "Label" l JOIN moved ON moved."dataRowId" = l."dataRowId"
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM moved)::int AS moved, (SELECT count(*) FROM approved)::int AS a,
             (SELECT count(*) FROM revisions)::int AS r`;
    moved += result?.moved ?? 0;
  }
  return moved;
}
