// Reads a work item for a transition, with everything routing needs, and checks who may act on
// it. The read takes no locks: the transition's write is guarded by the versions and the claim
// read here (transitions.ts), so it changes nothing if the item moved on in between. Stale
// versions become conflicts carrying the item as it is now, so the editor can reload or merge.
import type { Db } from '@captionary/db';
import type { WorkflowConfig, WorkflowStep } from '@captionary/shared';
import { AppError, notFound } from '../../errors';
import type { Reviewer } from './reviewer';
import { getWorkItemView } from './work-item-view';
import { assertCanWorkStep, findStep, parseStoredWorkflow } from './workflow-routing';

export interface TransitionItem {
  id: string;
  projectId: string;
  stepId: string;
  status: 'QUEUED' | 'CLAIMED' | 'DONE';
  claimedById: string | null;
  version: number;
  labelId: string;
  /** The label's own version: a late prediction may replace an unedited pre-label under a claim. */
  labelVersion: number;
  caption: string;
  captionAuthorId: string | null;
  captionCreatedAt: Date;
  /** The model's caption this label started from, if any. */
  prelabel: string | null;
  workflow: WorkflowConfig;
  /** The workflow as stored, for the write to check that it is still the current one. */
  workflowConfig: unknown;
  step: WorkflowStep;
  lintRules: unknown;
}

type TransitionItemRow = Omit<TransitionItem, 'workflow' | 'step'>;

/** Raised when the caller's version is not the item's; answered as a CONFLICT (see below). */
export class StaleVersion extends Error {
  constructor(readonly itemId: string) {
    super('stale work item version');
  }
}

/** The item of the team with its label, pre-label and project workflow; NOT_FOUND otherwise. */
export async function readTransitionItem(
  db: Db,
  teamId: string,
  itemId: string,
): Promise<TransitionItem> {
  // One statement, so one snapshot: the item's step and the workflow agree.
  const rows = await db.$queryRaw<TransitionItemRow[]>`
    SELECT w.id, w."projectId", w."stepId", w.status, w."claimedById", w.version,
           l.id AS "labelId", l.version AS "labelVersion", l.caption,
           l."createdById" AS "captionAuthorId", l."createdAt" AS "captionCreatedAt",
           pr.caption AS prelabel, p."workflowConfig", p."lintRules"
    FROM "WorkItem" w
    JOIN "Project" p ON p.id = w."projectId"
    JOIN "Label" l ON l."dataRowId" = w."dataRowId"
    LEFT JOIN "Prediction" pr ON pr.id = l."sourcePredictionId"
    WHERE w.id = ${itemId}::uuid AND p."teamId" = ${teamId}::uuid`;
  const row = rows[0];
  if (!row) throw notFound('Work item');
  const workflow = parseStoredWorkflow(row.workflowConfig);
  const step = findStep(workflow, row.stepId);
  // Workflow changes re-route items in the same transaction that stores the new workflow.
  if (!step) throw new Error(`work item ${row.id} is in step "${row.stepId}", not in its workflow`);
  return { ...row, workflow, step };
}

/**
 * The checks every transition makes, in this order: the version the caller read is current
 * (CONFLICT with the item as it is now: whatever else is wrong, what they saw has changed), they
 * may work the item's step (FORBIDDEN), the step allows the action (INVALID_INPUT), and they hold
 * the claim (FORBIDDEN: acting on an item someone else holds, or nobody claimed, is refused
 * outright; an expired lease still counts as held until someone else claims the item).
 */
export function assertMayTransition(
  item: TransitionItem,
  reviewer: Reviewer,
  version: number,
  allowed: WorkflowStep['type'][],
  action: string,
): void {
  if (item.version !== version) throw new StaleVersion(item.id);
  if (item.status !== 'DONE') assertCanWorkStep(item.step, reviewer);
  if (!allowed.includes(item.step.type)) {
    throw new AppError(
      'INVALID_INPUT',
      `Items in the "${item.step.name}" step cannot be ${action}`,
    );
  }
  if (item.status !== 'CLAIMED' || item.claimedById !== reviewer.userId) {
    throw new AppError('FORBIDDEN', 'You do not hold this item; claim it first');
  }
}

/** Runs `transition`; a stale version becomes a CONFLICT with the item as it is now. */
export async function withConflictDetails<T>(
  db: Db,
  teamId: string,
  transition: () => Promise<T>,
): Promise<T> {
  try {
    return await transition();
  } catch (error) {
    if (!(error instanceof StaleVersion)) throw error;
    const current = await getWorkItemView(db, teamId, error.itemId);
    throw new AppError(
      'CONFLICT',
      `Someone changed this item since you opened it (now version ${current.version})`,
      undefined,
      { current },
    );
  }
}
