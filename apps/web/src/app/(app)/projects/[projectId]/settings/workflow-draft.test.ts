import { defaultWorkflow, WorkflowConfig } from '@captionary/shared';
import { describe, expect, it } from 'vitest';
import {
  addReviewStep,
  moveReviewStep,
  removedSteps,
  removeStep,
  stepIdFor,
} from './workflow-draft';

describe('workflow draft edits', () => {
  it('derives unique, valid step ids from names', () => {
    expect(stepIdFor('Second look', new Set())).toBe('second-look');
    expect(stepIdFor('Review', new Set(['review']))).toBe('review-2');
    expect(stepIdFor('1st pass ✓', new Set())).toBe('st-pass');
    expect(stepIdFor('🙂', new Set())).toBe('review');
  });

  it('adds review steps after the last one and keeps the config valid', () => {
    const steps = addReviewStep(defaultWorkflow().steps);
    expect(steps.map((s) => s.id)).toEqual(['label', 'review', 'review-2', 'rework', 'done']);
    expect(WorkflowConfig.safeParse({ steps }).success).toBe(true);
  });

  it('reorders review steps only among review steps', () => {
    const steps = addReviewStep(defaultWorkflow().steps);
    expect(moveReviewStep(steps, 'review-2', -1).map((s) => s.id)).toEqual([
      'label',
      'review-2',
      'review',
      'rework',
      'done',
    ]);
    expect(moveReviewStep(steps, 'review', -1)).toBe(steps);
    expect(moveReviewStep(steps, 'review-2', 1)).toBe(steps);
  });

  it('lists the saved steps a draft drops', () => {
    const saved = WorkflowConfig.parse({ steps: addReviewStep(defaultWorkflow().steps) });
    const draft = removeStep(saved.steps, 'review');
    expect(removedSteps(saved, draft).map((s) => s.id)).toEqual(['review']);
    expect(WorkflowConfig.safeParse({ steps: removeStep(draft, 'review-2') }).success).toBe(false);
  });
});
