import type { Db } from '@captionary/db';
import { WorkflowConfig } from '@captionary/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, testDb } from '../../testing/fixtures';
import { createReviewFixture, twoReviewWorkflow } from '../../testing/review-fixtures';
import { claimNextItem } from './claim-queue';
import { approveItem, submitItem } from './transitions';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

describe('projects.updateWorkflow', () => {
  it('re-routes items of removed steps, with a REROUTE revision each, losing none', async () => {
    const fixture = await createReviewFixture(db, { rows: 4, workflow: twoReviewWorkflow() });
    const { projectId } = fixture;
    const labeler = fixture.as('LABELER');
    const reviewer = fixture.as('REVIEWER');
    // Two items reach "review"; one of them goes on to "audit" (a human's caption).
    for (const caption of ['a kettle', 'a teapot']) {
      const item = (await claimNextItem(db, labeler, { projectId, stepId: 'label' }, 60_000))!;
      await submitItem(db, labeler, { itemId: item.id, version: item.version, caption });
    }
    const audited = (await claimNextItem(db, reviewer, { projectId, stepId: 'review' }, 60_000))!;
    await approveItem(db, reviewer, { itemId: audited.id, version: audited.version });
    const held = (await claimNextItem(db, reviewer, { projectId, stepId: 'review' }, 60_000))!;

    const admin = callerFor(db, fixture.members.ADMIN, fixture.teamId);
    const replaced = WorkflowConfig.parse({
      steps: [
        { id: 'label', name: 'Label', type: 'label' },
        { id: 'check', name: 'Check', type: 'review' },
        { id: 'rework', name: 'Rework', type: 'rework' },
        { id: 'done', name: 'Done', type: 'done' },
      ],
    });
    const result = await admin.projects.updateWorkflow({ projectId, workflow: replaced });
    expect(result.reroutedItems).toBe(2);
    await expect(admin.projects.workflow({ projectId })).resolves.toEqual(replaced);

    const items = await db.workItem.findMany({ where: { projectId } });
    expect(items).toHaveLength(4);
    const stepCounts = Object.fromEntries(
      ['label', 'check'].map((step) => [step, items.filter((i) => i.stepId === step).length]),
    );
    expect(stepCounts).toEqual({ label: 2, check: 2 });
    // The claim on the re-routed item ended; its version moved on.
    const moved = items.find((i) => i.id === held.id)!;
    expect(moved).toMatchObject({ status: 'QUEUED', claimedById: null, version: held.version + 1 });
    const revisions = await db.labelRevision.findMany({
      where: { action: 'REROUTE', label: { projectId } },
    });
    expect(revisions).toHaveLength(2);
    expect(revisions.every((r) => r.stepId === 'check' && r.before === r.after)).toBe(true);
    expect(revisions.every((r) => r.actorId === fixture.members.ADMIN.id)).toBe(true);

    // The moved items are workable in their new step.
    const again = (await claimNextItem(db, reviewer, { projectId, stepId: 'check' }, 60_000))!;
    await expect(
      approveItem(db, reviewer, { itemId: again.id, version: again.version }),
    ).resolves.toMatchObject({ step: { id: 'done' } });
  });

  it('refuses invalid workflows and non-admins', async () => {
    const fixture = await createReviewFixture(db, { rows: 1 });
    const bad = { steps: [{ id: 'label', name: 'Label', type: 'label' }] };
    const admin = callerFor(db, fixture.members.ADMIN, fixture.teamId);
    await expect(
      admin.projects.updateWorkflow({ projectId: fixture.projectId, workflow: bad as never }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const reviewer = callerFor(db, fixture.members.REVIEWER, fixture.teamId);
    await expect(
      reviewer.projects.updateWorkflow({
        projectId: fixture.projectId,
        workflow: twoReviewWorkflow(),
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
