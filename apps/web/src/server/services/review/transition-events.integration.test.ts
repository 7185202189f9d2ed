import type { Db } from '@captionary/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../testing/fixtures';
import { createReviewFixture } from '../../testing/review-fixtures';
import { claimNextItem } from './claim-queue';
import { approveItem, submitItem } from './transitions';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

describe('review transitions announce themselves to webhooks', () => {
  it('records label.updated on submit and label.approved on the final approve, with the change', async () => {
    const fixture = await createReviewFixture(db, { rows: 1 });
    const webhook = await db.webhook.create({
      data: {
        projectId: fixture.projectId,
        // Never contacted here: deliveries are only recorded and queued.
        url: 'https://hooks.example.com/captions',
        secretEncrypted: 'unused-in-this-test',
        events: ['label.approved', 'label.updated'],
      },
    });
    const labeler = fixture.as('LABELER');
    const reviewer = fixture.as('REVIEWER');
    const labelItem = await claimNextItem(
      db,
      labeler,
      { projectId: fixture.projectId, stepId: 'label' },
      60_000,
    );
    await submitItem(db, labeler, {
      itemId: labelItem!.id,
      version: labelItem!.version,
      caption: 'a red kite over a beach',
    });
    const reviewItem = await claimNextItem(
      db,
      reviewer,
      { projectId: fixture.projectId, stepId: 'review' },
      60_000,
    );
    await approveItem(db, reviewer, { itemId: reviewItem!.id, version: reviewItem!.version });

    const deliveries = await db.webhookDelivery.findMany({
      where: { webhookId: webhook.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(deliveries.map((d) => d.event)).toEqual(['label.updated', 'label.approved']);
    expect(deliveries[1]!.payload).toMatchObject({
      caption: 'a red kite over a beach',
      status: 'APPROVED',
      action: 'APPROVE',
    });
  });
});
