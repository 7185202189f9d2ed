import type { Db } from '@captionary/db';
import { defaultWorkflow } from '@captionary/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../testing/fixtures';
import {
  addTeamMembers,
  createReviewFixture,
  twoReviewWorkflow,
} from '../../testing/review-fixtures';
import { claimNextItem } from './claim-queue';
import { queueCounts } from './queue-counts';
import type { Reviewer } from './reviewer';
import { rejectItem, submitItem } from './transitions';
import { updateWorkflow } from './workflow-settings';

const LEASE_MS = 600_000;
let db: Db;

beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

/** What counting the project's items directly says waits in each step. */
async function countedDirectly(projectId: string): Promise<Record<string, number>> {
  const rows = await db.$queryRaw<{ stepId: string; waiting: number }[]>`
    SELECT "stepId", count(*) FILTER (WHERE status <> 'CLAIMED' OR "leaseExpiresAt" <= now())::int
             AS waiting
    FROM "WorkItem" WHERE "projectId" = ${projectId}::uuid GROUP BY "stepId"`;
  return Object.fromEntries(rows.map((row) => [row.stepId, row.waiting]));
}

async function shownWaiting(reviewer: Reviewer, projectId: string) {
  const counts = await queueCounts(db, reviewer, { projectId });
  return Object.fromEntries(
    counts.filter((step) => step.queued > 0).map((step) => [step.stepId, step.queued]),
  );
}

describe('queue counts', () => {
  it('stay exact through concurrent claims, submits, rejects, re-routes and deletions', async () => {
    const fixture = await createReviewFixture(db, { rows: 24, workflow: twoReviewWorkflow() });
    const { projectId } = fixture;
    const labelers = await addTeamMembers(db, fixture.teamId, 12, 'LABELER');
    const owner = fixture.as('OWNER');
    expect(await shownWaiting(owner, projectId)).toEqual({ label: 24 });

    // Twelve people each claim and submit one item at the same moment; one more claim is held.
    await Promise.all(
      labelers.map(async (labeler, index) => {
        const item = await claimNextItem(db, labeler, { projectId, stepId: 'label' }, LEASE_MS);
        await submitItem(db, labeler, {
          itemId: item!.id,
          version: item!.version,
          caption: `a human caption number ${index}`,
        });
      }),
    );
    const held = await claimNextItem(db, labelers[0]!, { projectId, stepId: 'label' }, LEASE_MS);
    const counts = await queueCounts(db, labelers[0]!, { projectId });
    expect(counts.find((c) => c.stepId === 'label')).toMatchObject({
      queued: 11,
      claimedByMe: 1,
      doneByMe: 1,
    });
    expect(await shownWaiting(owner, projectId)).toEqual(await countedDirectly(projectId));
    expect(await shownWaiting(owner, projectId)).toEqual({ label: 11, review: 12 });

    // Rejections move items to rework; the held item does not count as waiting until it expires.
    const reviewer = fixture.as('REVIEWER');
    for (let n = 0; n < 3; n++) {
      const item = await claimNextItem(db, reviewer, { projectId, stepId: 'review' }, LEASE_MS);
      await rejectItem(db, reviewer, {
        itemId: item!.id,
        version: item!.version,
        comment: 'Say more',
      });
    }
    await db.workItem.update({ where: { id: held!.id }, data: { leaseExpiresAt: new Date(0) } });
    expect(await shownWaiting(owner, projectId)).toEqual({ label: 12, review: 9, rework: 3 });

    // Removing the audit step re-routes nothing here; removing review moves its items to done
    // (no review step is left after it but audit, which no longer exists either).
    const workflow = defaultWorkflow();
    await updateWorkflow(
      db,
      { ...fixture.as('ADMIN'), apiKeyId: null },
      {
        projectId,
        workflow: {
          steps: workflow.steps.map((step) =>
            step.id === 'review' ? { ...step, id: 'check', name: 'Check' } : step,
          ),
        },
      },
    );
    expect(await shownWaiting(owner, projectId)).toEqual(await countedDirectly(projectId));
    expect(await shownWaiting(owner, projectId)).toMatchObject({ check: 9, rework: 3 });

    // Rows deleted with their items leave the counts.
    await db.dataRow.deleteMany({ where: { id: { in: fixture.rowIds.slice(0, 20) } } });
    expect(await shownWaiting(owner, projectId)).toEqual(await countedDirectly(projectId));
  });
});
