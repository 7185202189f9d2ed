import { z } from 'zod';
import { TeamRole } from '../auth/roles';

const StepId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'step ids are lowercase words joined by -');

/** Which items enter a review step; an item matching no filter of a step skips it. */
export const ReviewStepFilter = z.object({
  /** Who made the current caption: the model's pre-label unchanged, or a person. */
  captionBy: z.enum(['any', 'model', 'human']).default('any'),
  /** Only items whose caption differs from the pre-label. */
  changedFromPrelabel: z.boolean().optional(),
  /** Only captions by these members. */
  authorIds: z.array(z.string().uuid()).optional(),
  /** Only items with caption lint hits. */
  hasLintHits: z.boolean().optional(),
  /** Only items whose caption was first created at or after this instant (ISO 8601). */
  createdAfter: z.iso.datetime({ offset: true }).optional(),
  /** Only items whose caption was first created before this instant (ISO 8601). */
  createdBefore: z.iso.datetime({ offset: true }).optional(),
});

const StepBase = z.object({ id: StepId, name: z.string().trim().min(1).max(60) });

export const LabelStep = StepBase.extend({ type: z.literal('label') });
export const ReviewStep = StepBase.extend({
  type: z.literal('review'),
  /** Minimum team role that may work this step. */
  minRole: TeamRole.default('REVIEWER'),
  /** Named members who may work it besides those with minRole. */
  memberIds: z.array(z.string().uuid()).default([]),
  filter: ReviewStepFilter.default({ captionBy: 'any' }),
});
export const ReworkStep = StepBase.extend({ type: z.literal('rework') });
export const DoneStep = StepBase.extend({ type: z.literal('done') });
export const WorkflowStep = z.discriminatedUnion('type', [
  LabelStep,
  ReviewStep,
  ReworkStep,
  DoneStep,
]);
export type WorkflowStep = z.infer<typeof WorkflowStep>;

/**
 * A project's workflow: one label step first, one or more review steps, one done step last,
 * and one rework step that rejected items go to.
 */
export const WorkflowConfig = z
  .object({ steps: z.array(WorkflowStep).min(4).max(12) })
  .superRefine(({ steps }, ctx) => {
    const ids = new Set<string>();
    for (const step of steps) {
      if (ids.has(step.id))
        ctx.addIssue({ code: 'custom', message: `duplicate step id ${step.id}` });
      ids.add(step.id);
    }
    const count = (type: WorkflowStep['type']) => steps.filter((s) => s.type === type).length;
    if (steps[0]?.type !== 'label' || count('label') !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'the first step, and only it, must be the label step',
      });
    }
    if (steps.at(-1)?.type !== 'done' || count('done') !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'the last step, and only it, must be the done step',
      });
    }
    if (count('review') < 1)
      ctx.addIssue({ code: 'custom', message: 'add at least one review step' });
    if (count('rework') !== 1)
      ctx.addIssue({ code: 'custom', message: 'exactly one rework step is needed' });
  });
export type WorkflowConfig = z.infer<typeof WorkflowConfig>;

/** The workflow a new project starts with: label → review → done, rejects go to rework. */
export function defaultWorkflow(): WorkflowConfig {
  return WorkflowConfig.parse({
    steps: [
      { id: 'label', name: 'Label', type: 'label' },
      { id: 'review', name: 'Review', type: 'review' },
      { id: 'rework', name: 'Rework', type: 'rework' },
      { id: 'done', name: 'Done', type: 'done' },
    ],
  });
}
