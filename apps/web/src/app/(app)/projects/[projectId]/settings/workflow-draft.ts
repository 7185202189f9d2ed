// Pure edits of a workflow being changed in project settings. The editor keeps steps in the one
// order the config allows: the label step, the review steps, rework, then done.
import type { WorkflowConfig, WorkflowStep } from '@captionary/shared';

export type ReviewStepDraft = Extract<WorkflowStep, { type: 'review' }>;

const STEP_ID = /^[a-z][a-z0-9-]{0,39}$/;

/** A step id from a name ("Second look" → "second-look"), unique among `taken`. */
export function stepIdFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^[^a-z]+|-+$/g, '')
      .slice(0, 32) || 'review';
  const id = STEP_ID.test(base) ? base : 'review';
  if (!taken.has(id)) return id;
  for (let n = 2; ; n++) {
    const candidate = `${id}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Appends a review step (anyone with the reviewer role, every item) after the last one. */
export function addReviewStep(steps: WorkflowStep[]): WorkflowStep[] {
  const reviews = steps.filter((step) => step.type === 'review').length;
  const name = reviews === 0 ? 'Review' : `Review ${reviews + 1}`;
  const step: ReviewStepDraft = {
    id: stepIdFor(name, new Set(steps.map((s) => s.id))),
    name,
    type: 'review',
    minRole: 'REVIEWER',
    memberIds: [],
    filter: { captionBy: 'any' },
  };
  const lastReview = steps.findLastIndex((s) => s.type === 'review');
  const at = lastReview >= 0 ? lastReview + 1 : 1;
  return [...steps.slice(0, at), step, ...steps.slice(at)];
}

/** Moves a review step one place up (-1) or down (+1) among the review steps. */
export function moveReviewStep(steps: WorkflowStep[], id: string, offset: -1 | 1): WorkflowStep[] {
  const index = steps.findIndex((s) => s.id === id);
  const target = index + offset;
  if (index < 0 || steps[target]?.type !== 'review') return steps;
  const next = [...steps];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

export function removeStep(steps: WorkflowStep[], id: string): WorkflowStep[] {
  return steps.filter((s) => s.id !== id);
}

export function replaceStep(steps: WorkflowStep[], updated: WorkflowStep): WorkflowStep[] {
  return steps.map((s) => (s.id === updated.id ? updated : s));
}

/** Steps of the saved workflow that the draft drops (their items will be re-routed). */
export function removedSteps(saved: WorkflowConfig, draft: WorkflowStep[]): WorkflowStep[] {
  return saved.steps.filter(
    (step) => !draft.some((kept) => kept.id === step.id && kept.type === step.type),
  );
}
