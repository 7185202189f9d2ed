import type { Db } from '@captionary/db';
import { defaultWorkflow, WorkflowConfig } from '@captionary/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../testing/fixtures';
import { createReviewFixture } from '../../testing/review-fixtures';
import { claimNextItem } from './claim-queue';
import { rerouteItems } from './reroute';
import { submitItem } from './transitions';
import { lockWorkflowExclusive } from './workflow-lock';

let db: Db;

beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

/** Resolves once some session waits for an advisory lock (the workflow lock). */
async function someoneWaitsForTheWorkflowLock() {
  for (;;) {
    const [row] = await db.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`;
    if (row!.waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a transition racing a workflow change', () => {
  it('routes with the workflow that committed first, never into a removed step', async () => {
    const fixture = await createReviewFixture(db, { rows: 1 });
    const labeler = fixture.as('LABELER');
    const ref = { projectId: fixture.projectId, stepId: 'label' };
    const item = await claimNextItem(db, labeler, ref, 600_000);
    const previous = defaultWorkflow();
    const renamed = WorkflowConfig.parse({
      steps: previous.steps.map((step) =>
        step.id === 'review' ? { ...step, id: 'check', name: 'Check' } : step,
      ),
    });

    // The change holds the exclusive lock while the submit starts, and commits while it waits.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const change = db.$transaction(
      async (tx) => {
        await lockWorkflowExclusive(tx, fixture.projectId);
        await tx.project.update({
          where: { id: fixture.projectId },
          data: { workflowConfig: renamed },
        });
        await rerouteItems(tx, fixture.projectId, previous, renamed, null);
        holding();
        await released;
      },
      { timeout: 30_000 },
    );
    await held;
    const submitted = submitItem(db, labeler, {
      itemId: item!.id,
      version: item!.version,
      caption: 'a lighthouse at dusk',
    });
    await someoneWaitsForTheWorkflowLock();
    release();
    await change;

    await expect(submitted).resolves.toMatchObject({ step: { id: 'check' }, version: 2 });
    const stored = await db.workItem.findUniqueOrThrow({ where: { id: item!.id } });
    expect(stored).toMatchObject({ stepId: 'check', version: 2 });
    const revisions = await db.labelRevision.findMany({
      where: { label: { dataRowId: stored.dataRowId }, action: { not: 'PRELABEL' } },
    });
    expect(revisions.map((r) => r.action)).toEqual(['SUBMIT']);
  });
});
