import type { Db } from '@captionary/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../testing/fixtures';
import { addTeamMembers, createReviewFixture } from '../../testing/review-fixtures';
import { assignItem, claimItem, claimNextItem, releaseItem, skipItem } from './claim-queue';
import { submitItem } from './transitions';

const LEASE_MS = 600_000;
let db: Db;

beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

describe('claimNextItem', () => {
  it('never gives one item to two of 50 concurrent claimers', async () => {
    const fixture = await createReviewFixture(db, { rows: 30 });
    const claimers = await addTeamMembers(db, fixture.teamId, 50, 'LABELER');
    // Each claimer claims twice: the second call returns what they already hold.
    const claims = await Promise.all(
      claimers.map(async (reviewer) => {
        const first = await claimNextItem(
          db,
          reviewer,
          { projectId: fixture.projectId, stepId: 'label' },
          LEASE_MS,
        );
        const again = await claimNextItem(
          db,
          reviewer,
          { projectId: fixture.projectId, stepId: 'label' },
          LEASE_MS,
        );
        return { reviewer, first, again };
      }),
    );
    const claimed = claims.filter((c) => c.first !== null);
    expect(claimed).toHaveLength(30);
    expect(new Set(claimed.map((c) => c.first!.id)).size).toBe(30);
    for (const { first, again } of claims) expect(again?.id ?? null).toBe(first?.id ?? null);
    const rows = await db.workItem.findMany({ where: { projectId: fixture.projectId } });
    for (const row of rows) {
      const holder = claims.find((c) => c.first?.id === row.id)!;
      expect(row).toMatchObject({ status: 'CLAIMED', claimedById: holder.reviewer.userId });
    }
  });

  it('returns an item whose lease expired to the queue', async () => {
    const fixture = await createReviewFixture(db, { rows: 1 });
    const [first, second] = await addTeamMembers(db, fixture.teamId, 2, 'LABELER');
    const ref = { projectId: fixture.projectId, stepId: 'label' };
    const held = await claimNextItem(db, first!, ref, 1);
    expect(held).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const taken = await claimNextItem(db, second!, ref, LEASE_MS);
    expect(taken?.id).toBe(held!.id);
    // The first holder lost it: their write is refused, the new holder's goes through.
    const caption = 'a red kite over a hill';
    await expect(
      submitItem(db, first!, { itemId: held!.id, version: held!.version, caption }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      submitItem(db, second!, { itemId: held!.id, version: taken!.version, caption }),
    ).resolves.toMatchObject({ step: { id: 'review' } });
  });

  it('returns null when the queue is empty and refuses steps the member may not work', async () => {
    const fixture = await createReviewFixture(db, { rows: 1 });
    const ref = { projectId: fixture.projectId, stepId: 'review' };
    await expect(claimNextItem(db, fixture.as('REVIEWER'), ref, LEASE_MS)).resolves.toBeNull();
    await expect(claimNextItem(db, fixture.as('LABELER'), ref, LEASE_MS)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      claimNextItem(db, fixture.as('LABELER'), { ...ref, stepId: 'nope' }, LEASE_MS),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const other = await createReviewFixture(db, { rows: 1 });
    await expect(
      claimNextItem(
        db,
        other.as('OWNER'),
        { projectId: fixture.projectId, stepId: 'label' },
        LEASE_MS,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('skips to the back of the queue, releases in place, and serves assigned items first', async () => {
    const fixture = await createReviewFixture(db, { rows: 3 });
    const labeler = fixture.as('LABELER');
    const ref = { projectId: fixture.projectId, stepId: 'label' };
    const [a, b, c] = fixture.itemIds;
    expect((await claimNextItem(db, labeler, ref, LEASE_MS))!.id).toBe(a);
    await skipItem(db, labeler, a!);
    expect((await claimNextItem(db, labeler, ref, LEASE_MS))!.id).toBe(b);
    await releaseItem(db, labeler, b!);
    expect((await claimNextItem(db, labeler, ref, LEASE_MS))!.id).toBe(b);
    await releaseItem(db, labeler, b!);
    await expect(releaseItem(db, fixture.as('REVIEWER'), b!)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    // An admin reserves c for the reviewer: it comes first for them and never to others.
    await assignItem(db, fixture.as('ADMIN'), { itemId: c!, userId: fixture.members.REVIEWER.id });
    await expect(
      assignItem(db, labeler, { itemId: c!, userId: labeler.userId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await claimNextItem(db, fixture.as('REVIEWER'), ref, LEASE_MS))!.id).toBe(c);
    const owner = fixture.as('OWNER');
    const seen = [await claimNextItem(db, owner, ref, LEASE_MS)];
    await skipItem(db, owner, seen[0]!.id);
    seen.push(await claimNextItem(db, owner, ref, LEASE_MS));
    expect(seen.map((item) => item!.id).sort()).toEqual([a, b].sort());
  });

  it('claims a named item only where it waits for the claimer', async () => {
    const fixture = await createReviewFixture(db, { rows: 2 });
    const [first, second] = await addTeamMembers(db, fixture.teamId, 2, 'LABELER');
    const [a, b] = fixture.itemIds;
    await claimItem(db, first!, a!, LEASE_MS);
    await claimItem(db, first!, a!, LEASE_MS); // held already: renewed
    await expect(claimItem(db, second!, a!, LEASE_MS)).rejects.toMatchObject({ code: 'CONFLICT' });
    const ref = { projectId: fixture.projectId, stepId: 'label' };
    expect((await claimNextItem(db, first!, ref, LEASE_MS))?.id).toBe(a);
    // Submitted, it waits in review: a labeler may not take it there, the reviewer may.
    await submitItem(db, first!, { itemId: a!, version: 1, caption: 'a dog by the sea' });
    await expect(claimItem(db, first!, a!, LEASE_MS)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await claimItem(db, fixture.as('REVIEWER'), a!, LEASE_MS);
    await assignItem(db, fixture.as('ADMIN'), { itemId: b!, userId: second!.userId });
    await expect(claimItem(db, first!, b!, LEASE_MS)).rejects.toMatchObject({ code: 'CONFLICT' });
    await claimItem(db, second!, b!, LEASE_MS);
    const other = await createReviewFixture(db, { rows: 1 });
    await expect(claimItem(db, first!, other.itemIds[0]!, LEASE_MS)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
