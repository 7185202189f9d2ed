import { WorkflowConfig } from '@captionary/shared';
import { describe, expect, it } from 'vitest';
import { planReroute } from './reroute';

const workflow = (...steps: object[]) => WorkflowConfig.parse({ steps });
const label = { id: 'label', name: 'Label', type: 'label' };
const review = (id: string) => ({ id, name: id, type: 'review' });
const rework = { id: 'rework', name: 'Rework', type: 'rework' };
const done = { id: 'done', name: 'Done', type: 'done' };
const plan = (from: WorkflowConfig, to: WorkflowConfig) =>
  planReroute(from, to).map((move) => [move.fromStepId, move.to.id]);

describe('planReroute', () => {
  const old = workflow(label, review('first'), review('second'), rework, done);

  it('moves nothing when every step still exists', () => {
    expect(
      plan(old, workflow(label, review('first'), review('second'), review('third'), rework, done)),
    ).toEqual([]);
  });

  it('sends a removed review step to the next one that still exists, or to done', () => {
    expect(plan(old, workflow(label, review('second'), rework, done))).toEqual([
      ['first', 'second'],
    ]);
    expect(plan(old, workflow(label, review('first'), rework, done))).toEqual([['second', 'done']]);
  });

  it('sends a replaced review step to its replacement', () => {
    expect(plan(old, workflow(label, review('fresh'), rework, done))).toEqual([
      ['first', 'fresh'],
      ['second', 'fresh'],
    ]);
  });

  it('maps renamed label, rework and done steps, and a step whose type changed', () => {
    const renamed = workflow(
      { ...label, id: 'write' },
      review('first'),
      review('second'),
      { ...rework, id: 'fix' },
      { ...done, id: 'finished' },
    );
    expect(plan(old, renamed)).toEqual([
      ['label', 'write'],
      ['rework', 'fix'],
      ['done', 'finished'],
    ]);
  });
});
