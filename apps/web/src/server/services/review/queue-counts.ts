// Per-step queue sizes for one person: what waits, what they hold, what they finished today.
// Nothing here counts a whole project: step sizes come from WorkItemStepCount (kept by triggers
// in the transactions that move items), and only the few claimed items are read one by one.
import type { Db } from '@captionary/db';
import type { QueueCountsInput, StepQueueCounts } from '@captionary/shared';
import { notFound } from '../../errors';
import { checkUncheckedItems, keyedLintRules, lintFilterCondition } from './queue-lint';
import type { Reviewer } from './reviewer';
import { canWorkStep, parseStoredWorkflow } from './workflow-routing';

/** Window of the "done by me" figure. */
const DONE_WINDOW_HOURS = 24;
/** Captions checked per step and request when lint-filtered counts find unchecked items. */
const LINT_CHECK_PER_COUNT = 1000;

interface StepRow {
  stepId: string;
  items: number;
  heldNow: number;
  mine: number;
}

/**
 * One StepQueueCounts per workflow step, in workflow order. For the done step, `queued` is the
 * number of items that reached it (nothing waits there). With a lint filter, `queued` counts the
 * waiting items that match it, and `unchecked` those not yet judged by the current rules.
 */
export async function queueCounts(
  db: Db,
  reviewer: Reviewer,
  { projectId, lint: lintFilter }: QueueCountsInput,
): Promise<StepQueueCounts[]> {
  const project = await db.project.findFirst({
    where: { id: projectId, teamId: reviewer.teamId },
    select: { workflowConfig: true, lintRules: true },
  });
  if (!project) throw notFound('Project');
  const workflow = parseStoredWorkflow(project.workflowConfig);
  const stepIds = workflow.steps.map((step) => step.id);
  const me = reviewer.userId;
  const [steps, done, filtered] = await Promise.all([
    // Waiting = all items of the step but those under a live claim (few, read by the queue index).
    db.$queryRaw<StepRow[]>`
      SELECT s."stepId",
             coalesce((SELECT sum(c.items) FROM "WorkItemStepCount" c
                       WHERE c."projectId" = ${projectId}::uuid AND c."stepId" = s."stepId"), 0)::int
               AS items,
             (SELECT count(*) FROM "WorkItem" w
              WHERE w."projectId" = ${projectId}::uuid AND w."stepId" = s."stepId"
                AND w.status = 'CLAIMED' AND w."leaseExpiresAt" > now())::int AS "heldNow",
             (SELECT count(*) FROM "WorkItem" w
              WHERE w."claimedById" = ${me}::uuid AND w."leaseExpiresAt" > now()
                AND w."projectId" = ${projectId}::uuid AND w."stepId" = s."stepId"
                AND w.status = 'CLAIMED')::int AS mine
      FROM unnest(${stepIds}::text[]) AS s("stepId")`,
    db.$queryRaw<{ stepId: string; done: number }[]>`
      SELECT r."stepId", count(*)::int AS done
      FROM "LabelRevision" r JOIN "Label" l ON l.id = r."labelId"
      WHERE r."actorId" = ${me}::uuid
        AND r."createdAt" > now() - ${DONE_WINDOW_HOURS} * interval '1 hour'
        AND r.action IN ('SUBMIT', 'APPROVE', 'REJECT') AND l."projectId" = ${projectId}::uuid
      GROUP BY r."stepId"`,
    lintFilter
      ? lintFilteredCounts(
          db,
          projectId,
          workflow.steps.filter((step) => step.type !== 'done').map((step) => step.id),
          lintFilter,
          project.lintRules,
        )
      : null,
  ]);
  const byStep = new Map(steps.map((row) => [row.stepId, row]));
  const doneByStep = new Map(done.map((row) => [row.stepId, row.done]));
  return workflow.steps.map((step) => {
    const row = byStep.get(step.id);
    const matching = filtered?.get(step.id);
    return {
      stepId: step.id,
      name: step.name,
      type: step.type,
      queued: filtered ? (matching?.matching ?? 0) : (row?.items ?? 0) - (row?.heldNow ?? 0),
      ...(filtered ? { unchecked: matching?.unchecked ?? 0 } : {}),
      claimedByMe: row?.mine ?? 0,
      doneByMe: doneByStep.get(step.id) ?? 0,
      canWork: canWorkStep(step, reviewer),
    };
  });
}

/**
 * Waiting items per step that match the lint filter, after checking a bounded batch of unchecked
 * captions per step (large unchecked queues converge over a few refreshes, or as they are worked).
 */
async function lintFilteredCounts(
  db: Db,
  projectId: string,
  stepIds: string[],
  filter: NonNullable<QueueCountsInput['lint']>,
  storedRules: unknown,
): Promise<Map<string, { matching: number; unchecked: number }>> {
  const lint = keyedLintRules(storedRules);
  const counts = new Map<string, { matching: number; unchecked: number }>();
  for (const stepId of stepIds) {
    await checkUncheckedItems(db, { projectId, stepId }, lint, LINT_CHECK_PER_COUNT);
    const [row] = await db.$queryRaw<{ matching: number; unchecked: number }[]>`
      SELECT count(*) FILTER (WHERE ${lintFilterCondition(filter, lint.key)})::int AS matching,
             count(*) FILTER (WHERE "lintRulesKey" IS DISTINCT FROM ${lint.key})::int AS unchecked
      FROM "WorkItem"
      WHERE "projectId" = ${projectId}::uuid AND "stepId" = ${stepId}
        AND (status = 'QUEUED' OR (status = 'CLAIMED' AND "leaseExpiresAt" <= now()))`;
    counts.set(stepId, row ?? { matching: 0, unchecked: 0 });
  }
  return counts;
}
