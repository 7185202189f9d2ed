// Reads a work item for a transition under row locks (the item and its label), with everything
// routing needs, and checks who may act on it. Stale versions become conflicts carrying the
// item as it is now, so the editor can reload or merge.
import { Prisma, type Db } from '@captionary/db';
import type { WorkflowConfig, WorkflowStep } from '@captionary/shared';
import { AppError, notFound } from '../../errors';
import type { DbClient } from '../actor';
import type { Reviewer } from './reviewer';
import { getWorkItemView } from './work-item-view';
import { workflowLockKey } from './workflow-lock';
import { assertCanWorkStep, findStep, parseStoredWorkflow } from './workflow-routing';

export interface LockedWorkItem {
  id: string;
  projectId: string;
  stepId: string;
  status: 'QUEUED' | 'CLAIMED' | 'DONE';
  claimedById: string | null;
  version: number;
  labelId: string;
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

type LockedRow = Omit<LockedWorkItem, 'workflow' | 'step'>;

/** Raised inside a transition's transaction; turned into a CONFLICT once the lock is gone. */
export class StaleVersion extends Error {
  constructor(readonly itemId: string) {
    super('stale work item version');
  }
}

/**
 * Raised inside a transition when the project's workflow changed between reading it and writing:
 * the transition rolls back and runs again with the new workflow.
 */
export class WorkflowChanged extends Error {
  constructor() {
    super('the workflow changed during the transition');
  }
}

/**
 * Takes the project's shared workflow lock (workflow-lock.ts), then locks the item and its label
 * (in that order, as every writer does) and reads them, all in one statement. The statement's
 * snapshot can predate the lock, so a workflow change that committed while it waited may be
 * missed here; the transition's write checks the workflow it routed with is still the stored one
 * (WorkflowChanged otherwise).
 */
export async function lockWorkItem(
  tx: DbClient,
  teamId: string,
  itemId: string,
): Promise<LockedWorkItem> {
  const rows = await tx.$queryRaw<LockedRow[]>`
    SELECT w.id, w."projectId", w."stepId", w.status, w."claimedById", w.version,
           l.id AS "labelId", l.caption, l."createdById" AS "captionAuthorId",
           l."createdAt" AS "captionCreatedAt", pr.caption AS prelabel,
           p."workflowConfig", p."lintRules"
    FROM "WorkItem" w
    JOIN "Project" p ON p.id = w."projectId"
    CROSS JOIN LATERAL (
      SELECT pg_advisory_xact_lock_shared(${workflowLockKey(Prisma.raw('w."projectId"'))})
    ) AS workflow_lock
    JOIN "Label" l ON l."dataRowId" = w."dataRowId"
    LEFT JOIN "Prediction" pr ON pr.id = l."sourcePredictionId"
    WHERE w.id = ${itemId}::uuid AND p."teamId" = ${teamId}::uuid
    FOR UPDATE OF w, l`;
  const row = rows[0];
  if (!row) throw notFound('Work item');
  const workflow = parseStoredWorkflow(row.workflowConfig);
  const step = findStep(workflow, row.stepId);
  // Moved by a workflow change this statement's snapshot does not show yet.
  if (!step) throw new WorkflowChanged();
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
  item: LockedWorkItem,
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

/**
 * Runs a transition; a stale version becomes a CONFLICT with the item as it is now, and a workflow
 * change mid-way runs it once more (a second change within the same moment is an error).
 */
export async function withConflictDetails<T>(
  db: Db,
  teamId: string,
  transition: () => Promise<T>,
): Promise<T> {
  try {
    try {
      return await transition();
    } catch (error) {
      if (!(error instanceof WorkflowChanged)) throw error;
      return await transition();
    }
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
