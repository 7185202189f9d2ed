import type { Db } from '@captionary/db';
import { LintRules } from '@captionary/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../testing/fixtures';
import { addTeamMembers, createReviewFixture } from '../../testing/review-fixtures';
import { claimNextItem } from './claim-queue';
import { queueCounts } from './queue-counts';
import { submitItem } from './transitions';
import { updateLintRules } from './workflow-settings';

const LEASE_MS = 600_000;
let db: Db;

beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

/** Replaces row captions the way the model's pre-labels arrive (no person is their author). */
async function setModelCaptions(rowIds: string[], captions: string[]) {
  for (const [index, rowId] of rowIds.entries()) {
    await db.$executeRaw`
      UPDATE "Label" SET caption = ${captions[index]!} WHERE "dataRowId" = ${rowId}::uuid`;
  }
}

/** A project whose label queue holds, oldest first: a banned opener, clean, PII, clean. */
async function lintedProject() {
  const fixture = await createReviewFixture(db, { rows: 4 });
  await setModelCaptions(fixture.rowIds, [
    'a photo of a dog on the grass',
    'a cat asleep on a mat',
    'a sign that reads call 555-123-4567 today',
    'two birds on a wire',
  ]);
  return fixture;
}

function labelCounts(counts: Awaited<ReturnType<typeof queueCounts>>) {
  const step = counts.find((c) => c.stepId === 'label')!;
  return { queued: step.queued, unchecked: step.unchecked };
}

describe('lint queue filters', () => {
  it('restricts Next to items with any hit or with one rule’s hit, and counts what matches', async () => {
    const fixture = await lintedProject();
    const [first, second, third] = await addTeamMembers(db, fixture.teamId, 3, 'LABELER');
    const ref = { projectId: fixture.projectId, stepId: 'label' };
    const counts = (lint?: 'any' | 'pii' | 'bannedOpener') =>
      queueCounts(db, first!, { projectId: fixture.projectId, lint }).then(labelCounts);

    expect(await counts()).toEqual({ queued: 4, unchecked: undefined });
    expect(await counts('any')).toEqual({ queued: 2, unchecked: 0 });
    expect(await counts('pii')).toEqual({ queued: 1, unchecked: 0 });

    const pii = await claimNextItem(db, first!, { ...ref, lint: 'pii' }, LEASE_MS);
    expect(pii?.id).toBe(fixture.itemIds[2]);
    const any = await claimNextItem(db, second!, { ...ref, lint: 'any' }, LEASE_MS);
    expect(any?.id).toBe(fixture.itemIds[0]);
    // Both matching items are held: a filtered Next finds nothing, an unfiltered one a clean item.
    await expect(claimNextItem(db, third!, { ...ref, lint: 'any' }, LEASE_MS)).resolves.toBeNull();
    expect(await counts('any')).toEqual({ queued: 0, unchecked: 0 });
    expect((await claimNextItem(db, third!, ref, LEASE_MS))?.id).toBe(fixture.itemIds[1]);
    // What someone already holds comes back to them whatever filter they ask with.
    const again = await claimNextItem(db, first!, { ...ref, lint: 'bannedOpener' }, LEASE_MS);
    expect(again?.id).toBe(fixture.itemIds[2]);
  });

  it('judges submitted captions as they are written and rechecks after the rules change', async () => {
    const fixture = await lintedProject();
    const labeler = fixture.as('LABELER');
    const reviewer = fixture.as('REVIEWER');
    const admin = fixture.as('ADMIN');
    const ref = { projectId: fixture.projectId, stepId: 'label' };
    // A caption submitted with a banned opener: the review queue's filter sees it.
    const first = await claimNextItem(db, labeler, ref, LEASE_MS);
    expect(first?.id).toBe(fixture.itemIds[0]);
    await submitItem(db, labeler, {
      itemId: first!.id,
      version: first!.version,
      caption: 'a picture of a dog, fixed',
    });
    const stored = await db.workItem.findUniqueOrThrow({ where: { id: first!.id } });
    expect(stored.lintHits).toEqual(['bannedOpener']);
    const reviewCounts = async (lint: 'any' | 'pii') =>
      (await queueCounts(db, reviewer, { projectId: fixture.projectId, lint })).find(
        (c) => c.stepId === 'review',
      )!.queued;
    expect(await reviewCounts('any')).toBe(1);
    expect(await reviewCounts('pii')).toBe(0);

    // Without banned openers, only the PII caption still breaks a rule, in either queue.
    await updateLintRules(
      db,
      { ...admin, apiKeyId: null },
      { projectId: fixture.projectId, rules: LintRules.parse({ bannedOpeners: [] }) },
    );
    expect(await reviewCounts('any')).toBe(0);
    const label = await queueCounts(db, labeler, { projectId: fixture.projectId, lint: 'any' });
    expect(labelCounts(label)).toEqual({ queued: 1, unchecked: 0 });
    const next = await claimNextItem(db, fixture.as('OWNER'), { ...ref, lint: 'any' }, LEASE_MS);
    expect(next?.id).toBe(fixture.itemIds[2]);

    // A new pre-label from the model replaces a clean caption: it is judged again.
    await setModelCaptions([fixture.rowIds[3]!], ['mail me at someone@example.com']);
    const [member] = await addTeamMembers(db, fixture.teamId, 1, 'LABELER');
    const replaced = await claimNextItem(db, member!, { ...ref, lint: 'pii' }, LEASE_MS);
    expect(replaced?.id).toBe(fixture.itemIds[3]);
  });
});
