import type { Db } from '@captionary/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callerFor, testDb } from '../../testing/fixtures';
import { createReviewFixture } from '../../testing/review-fixtures';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
});

describe('review router', () => {
  it('claims a full editor view, counts queues and sends conflicts with the current item', async () => {
    const fixture = await createReviewFixture(db, { rows: 2 });
    const labeler = callerFor(db, fixture.members.LABELER, fixture.teamId);
    const view = (await labeler.review.claimNext({
      projectId: fixture.projectId,
      stepId: 'label',
    }))!;
    expect(view).toMatchObject({
      status: 'CLAIMED',
      step: { id: 'label', type: 'label' },
      claimedBy: { id: fixture.members.LABELER.id },
      caption: { byModel: true, status: 'DRAFT' },
      prelabel: { caption: view.caption.text, tiny: true, latencyMs: 42 },
      history: [{ action: 'PRELABEL' }],
    });
    expect(await labeler.review.queues({ projectId: fixture.projectId })).toEqual([
      {
        stepId: 'label',
        name: 'Label',
        type: 'label',
        queued: 1,
        claimedByMe: 1,
        doneByMe: 0,
        canWork: true,
      },
      {
        stepId: 'review',
        name: 'Review',
        type: 'review',
        queued: 0,
        claimedByMe: 0,
        doneByMe: 0,
        canWork: false,
      },
      {
        stepId: 'rework',
        name: 'Rework',
        type: 'rework',
        queued: 0,
        claimedByMe: 0,
        doneByMe: 0,
        canWork: true,
      },
      {
        stepId: 'done',
        name: 'Done',
        type: 'done',
        queued: 0,
        claimedByMe: 0,
        doneByMe: 0,
        canWork: false,
      },
    ]);
    await labeler.review.submit({ itemId: view.id, version: view.version, caption: 'a heron' });
    const error = await labeler.review
      .submit({ itemId: view.id, version: view.version, caption: 'a crane' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    const counts = await labeler.review.queues({ projectId: fixture.projectId });
    expect(counts[0]).toMatchObject({ queued: 1, claimedByMe: 0, doneByMe: 1 });
  });

  it('reads and updates lint rules (admins only)', async () => {
    const fixture = await createReviewFixture(db, { rows: 1 });
    const labeler = callerFor(db, fixture.members.LABELER, fixture.teamId);
    const admin = callerFor(db, fixture.members.ADMIN, fixture.teamId);
    const { projectId } = fixture;
    expect(await labeler.review.lintRules({ projectId })).toMatchObject({
      flagPii: true,
      bannedWords: [],
    });
    const rules = {
      minWords: 3,
      bannedOpeners: [],
      bannedWords: ['nice'],
      flagUnchangedFromPrelabel: true,
      flagPii: false,
    };
    await expect(labeler.review.updateLintRules({ projectId, rules })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await admin.review.updateLintRules({ projectId, rules });
    expect(await labeler.review.lintRules({ projectId })).toEqual(rules);
  });
});
