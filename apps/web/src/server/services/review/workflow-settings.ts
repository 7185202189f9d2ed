// Reading and replacing a project's workflow and caption lint rules (admin settings).
import type { Db } from '@captionary/db';
import {
  parseStoredLintRules,
  type LintRules,
  type UpdateLintRulesInput,
  type UpdateWorkflowInput,
  type WorkflowConfig,
} from '@captionary/shared';
import { notFound } from '../../errors';
import type { TeamActor } from '../actor';
import { recordAudit } from '../audit';
import { rerouteItems } from './reroute';
import { lockWorkflowExclusive } from './workflow-lock';
import { parseStoredWorkflow } from './workflow-routing';

/** The project's full workflow config (filters and member lists included). */
export async function getWorkflow(
  db: Db,
  teamId: string,
  projectId: string,
): Promise<WorkflowConfig> {
  const project = await db.project.findFirst({
    where: { id: projectId, teamId },
    select: { workflowConfig: true },
  });
  if (!project) throw notFound('Project');
  return parseStoredWorkflow(project.workflowConfig);
}

/**
 * Stores a new workflow and re-routes items of removed steps, in one transaction: items are
 * never in a step the stored workflow lacks. Returns the workflow and how many items moved.
 */
export async function updateWorkflow(
  db: Db,
  actor: TeamActor,
  { projectId, workflow }: UpdateWorkflowInput,
): Promise<{ workflow: WorkflowConfig; reroutedItems: number }> {
  return db.$transaction(
    async (tx) => {
      const exists = await tx.project.findFirst({
        where: { id: projectId, teamId: actor.teamId },
        select: { id: true },
      });
      if (!exists) throw notFound('Project');
      await lockWorkflowExclusive(tx, projectId);
      // Read after the lock, so no transition that routed with it is still in flight.
      const { workflowConfig } = await tx.project.findUniqueOrThrow({
        where: { id: projectId },
        select: { workflowConfig: true },
      });
      const previous = parseStoredWorkflow(workflowConfig);
      await tx.project.update({ where: { id: projectId }, data: { workflowConfig: workflow } });
      const reroutedItems = await rerouteItems(tx, projectId, previous, workflow, actor.userId);
      await recordAudit(tx, actor, {
        action: 'project.workflow_updated',
        targetType: 'project',
        targetId: projectId,
        metadata: { steps: workflow.steps.map((s) => s.id), reroutedItems },
      });
      return { workflow, reroutedItems };
    },
    // Re-routing a large removed step moves many rows; the default 5 s would cut it short.
    { timeout: 120_000 },
  );
}

/** The project's lint rules, defaults filled in. */
export async function getLintRules(db: Db, teamId: string, projectId: string): Promise<LintRules> {
  const project = await db.project.findFirst({
    where: { id: projectId, teamId },
    select: { lintRules: true },
  });
  if (!project) throw notFound('Project');
  return parseStoredLintRules(project.lintRules);
}

/** Replaces the project's lint rules. */
export async function updateLintRules(
  db: Db,
  actor: TeamActor,
  { projectId, rules }: UpdateLintRulesInput,
): Promise<LintRules> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.project.updateMany({
      where: { id: projectId, teamId: actor.teamId },
      data: { lintRules: rules },
    });
    if (count === 0) throw notFound('Project');
    await recordAudit(tx, actor, {
      action: 'project.lint_rules_updated',
      targetType: 'project',
      targetId: projectId,
    });
  });
  return rules;
}
