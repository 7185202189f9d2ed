// Per-step queue sizes for one person: what waits, what they hold, what they finished today.
import type { Db } from '@captionary/db';
import type { StepQueueCounts } from '@captionary/shared';
import { notFound } from '../../errors';
import type { Reviewer } from './reviewer';
import { canWorkStep, parseStoredWorkflow } from './workflow-routing';

/** Window of the "done by me" figure. */
const DONE_WINDOW_HOURS = 24;

/**
 * One StepQueueCounts per workflow step, in workflow order. For the done step, `queued` is the
 * number of items that reached it (nothing waits there).
 */
export async function queueCounts(
  db: Db,
  reviewer: Reviewer,
  projectId: string,
): Promise<StepQueueCounts[]> {
  const project = await db.project.findFirst({
    where: { id: projectId, teamId: reviewer.teamId },
    select: { workflowConfig: true },
  });
  if (!project) throw notFound('Project');
  const workflow = parseStoredWorkflow(project.workflowConfig);
  const me = reviewer.userId;
  const [items, done] = await Promise.all([
    db.$queryRaw<{ stepId: string; queued: number; mine: number }[]>`
      SELECT "stepId",
             count(*) FILTER (WHERE status <> 'CLAIMED' OR "leaseExpiresAt" <= now())::int AS queued,
             count(*) FILTER (WHERE status = 'CLAIMED' AND "claimedById" = ${me}::uuid
                              AND "leaseExpiresAt" > now())::int AS mine
      FROM "WorkItem" WHERE "projectId" = ${projectId}::uuid
      GROUP BY "stepId"`,
    db.$queryRaw<{ stepId: string; done: number }[]>`
      SELECT r."stepId", count(*)::int AS done
      FROM "LabelRevision" r JOIN "Label" l ON l.id = r."labelId"
      WHERE r."actorId" = ${me}::uuid
        AND r."createdAt" > now() - ${DONE_WINDOW_HOURS} * interval '1 hour'
        AND r.action IN ('SUBMIT', 'APPROVE', 'REJECT') AND l."projectId" = ${projectId}::uuid
      GROUP BY r."stepId"`,
  ]);
  const itemsByStep = new Map(items.map((row) => [row.stepId, row]));
  const doneByStep = new Map(done.map((row) => [row.stepId, row.done]));
  return workflow.steps.map((step) => ({
    stepId: step.id,
    name: step.name,
    type: step.type,
    queued: itemsByStep.get(step.id)?.queued ?? 0,
    claimedByMe: itemsByStep.get(step.id)?.mine ?? 0,
    doneByMe: doneByStep.get(step.id) ?? 0,
    canWork: canWorkStep(step, reviewer),
  }));
}
