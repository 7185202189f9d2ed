// Where an item goes next in its project's workflow, and who may work a step. Pure: the
// transitions feed it what they read under the item's row lock.
import { roleAtLeast, WorkflowConfig, type TeamRole, type WorkflowStep } from '@captionary/shared';
import { AppError } from '../../errors';

type ReviewStep = Extract<WorkflowStep, { type: 'review' }>;

/** What review-step filters look at: the caption as it is after the transition. */
export interface RoutingFacts {
  /** Who made the current caption; null while it is still the model's pre-label. */
  captionAuthorId: string | null;
  /** The caption differs from the model's pre-label (true when there is no pre-label). */
  changedFromPrelabel: boolean;
  lintHitCount: number;
  /** When the row's caption was first created. */
  captionCreatedAt: Date;
}

/** A team member as the workflow sees them. */
export interface StepWorker {
  userId: string;
  role: TeamRole;
}

/** The project's stored workflow; a broken stored config is a server bug, not bad input. */
export function parseStoredWorkflow(stored: unknown): WorkflowConfig {
  const parsed = WorkflowConfig.safeParse(stored);
  if (!parsed.success) {
    throw new Error(`stored workflowConfig is invalid: ${parsed.error.message}`);
  }
  return parsed.data;
}

export function findStep(config: WorkflowConfig, stepId: string): WorkflowStep | undefined {
  return config.steps.find((step) => step.id === stepId);
}

export function stepOfType<T extends WorkflowStep['type']>(
  config: WorkflowConfig,
  type: T,
): Extract<WorkflowStep, { type: T }> {
  // WorkflowConfig guarantees exactly one label, rework and done step.
  return config.steps.find((step) => step.type === type) as Extract<WorkflowStep, { type: T }>;
}

/** True when the item described by `facts` enters `step` (every set condition must hold). */
export function matchesReviewFilter(step: ReviewStep, facts: RoutingFacts): boolean {
  const { filter } = step;
  const byHuman = facts.captionAuthorId !== null;
  if (filter.captionBy === 'model' && byHuman) return false;
  if (filter.captionBy === 'human' && !byHuman) return false;
  if (
    filter.changedFromPrelabel !== undefined &&
    filter.changedFromPrelabel !== facts.changedFromPrelabel
  ) {
    return false;
  }
  if (filter.authorIds?.length) {
    if (!facts.captionAuthorId || !filter.authorIds.includes(facts.captionAuthorId)) return false;
  }
  if (filter.hasLintHits !== undefined && filter.hasLintHits !== facts.lintHitCount > 0) {
    return false;
  }
  if (filter.createdAfter && facts.captionCreatedAt < new Date(filter.createdAfter)) return false;
  if (filter.createdBefore && facts.captionCreatedAt >= new Date(filter.createdBefore)) {
    return false;
  }
  return true;
}

/**
 * The step after `fromStepId` for an item that moves forward: the next review step (in workflow
 * order) whose filter the item matches, else the done step. Label and rework steps route from the
 * start, so a reworked item goes through review again.
 */
export function nextStepForward(
  config: WorkflowConfig,
  fromStepId: string,
  facts: RoutingFacts,
): WorkflowStep {
  const from = config.steps.findIndex((step) => step.id === fromStepId);
  const fromType = config.steps[from]?.type;
  const startAfter = fromType === 'review' ? from : 0;
  for (const step of config.steps.slice(startAfter + 1)) {
    if (step.type === 'review' && matchesReviewFilter(step, facts)) return step;
  }
  return stepOfType(config, 'done');
}

/** Whether `worker` may claim and act on items of `step`. */
export function canWorkStep(step: WorkflowStep, worker: StepWorker): boolean {
  switch (step.type) {
    case 'label':
    case 'rework':
      return true;
    case 'review':
      return roleAtLeast(worker.role, step.minRole) || step.memberIds.includes(worker.userId);
    case 'done':
      return false;
  }
}

/** Throws FORBIDDEN unless `worker` may work `step`, with a message naming what is needed. */
export function assertCanWorkStep(step: WorkflowStep, worker: StepWorker): void {
  if (canWorkStep(step, worker)) return;
  if (step.type === 'done') {
    throw new AppError('FORBIDDEN', 'Items in the done step have no queue');
  }
  const needed = step.type === 'review' ? step.minRole.toLowerCase() : 'labeler';
  throw new AppError(
    'FORBIDDEN',
    `Only people with the ${needed} role or named members may work the "${step.name}" step`,
  );
}
