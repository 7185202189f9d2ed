import type { Db } from '@captionary/db';
import { MAX_CAPTION_LENGTH, SubmitInput, WorkflowConfig } from '@captionary/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { testDb } from '../../testing/fixtures';
import {
  addTeamMembers,
  createReviewFixture,
  twoReviewWorkflow,
} from '../../testing/review-fixtures';
import { claimNextItem } from './claim-queue';
import type { Reviewer } from './reviewer';
import { approveItem, rejectItem, submitItem } from './transitions';
import { getWorkItemView } from './work-item-view';

const LEASE_MS = 600_000;
let db: Db;

beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

async function claim(reviewer: Reviewer, projectId: string, stepId: string) {
  const item = await claimNextItem(db, reviewer, { projectId, stepId }, LEASE_MS);
  if (!item) throw new Error(`nothing to claim in ${stepId}`);
  return item;
}

async function revisionsOf(itemId: string) {
  const item = await db.workItem.findUniqueOrThrow({ where: { id: itemId } });
  return db.labelRevision.findMany({
    where: { label: { dataRowId: item.dataRowId } },
    orderBy: { createdAt: 'asc' },
  });
}

describe('submit, approve, reject', () => {
  it('lets exactly one of 100 parallel submits at one version through; the rest conflict', async () => {
    const fixture = await createReviewFixture(db, { rows: 1 });
    const labeler = fixture.as('LABELER');
    const item = await claim(labeler, fixture.projectId, 'label');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, n) =>
        submitItem(db, labeler, { itemId: item.id, version: item.version, caption: `try ${n}` }),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(99);
    for (const error of lost) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'CONFLICT' });
      expect((error as AppError).details?.current).toMatchObject({
        id: item.id,
        version: item.version + 1,
      });
    }
    const stored = await db.workItem.findUniqueOrThrow({ where: { id: item.id } });
    const revisions = await revisionsOf(item.id);
    expect(revisions.map((r) => r.action)).toEqual(['PRELABEL', 'SUBMIT']);
    // Every write after the pre-label appended one revision and bumped the version once.
    expect(revisions.length - 1).toBe(stored.version - 1);
  });

  it('takes an item through reject → rework → resubmit → approve with its full history', async () => {
    const fixture = await createReviewFixture(db, { rows: 1 });
    const { projectId } = fixture;
    const labeler = fixture.as('LABELER');
    const reviewer = fixture.as('REVIEWER');
    const prelabel = 'a picture called img-000.jpg';

    let item = await claim(labeler, projectId, 'label');
    const submitted = await submitItem(db, labeler, {
      itemId: item.id,
      version: item.version,
      caption: 'a red bicycle leaning on a wall',
    });
    expect(submitted).toMatchObject({
      step: { id: 'review' },
      status: 'QUEUED',
      labelStatus: 'SUBMITTED',
    });

    item = await claim(reviewer, projectId, 'review');
    await expect(
      rejectItem(db, reviewer, { itemId: item.id, version: item.version, comment: 'It is blue' }),
    ).resolves.toMatchObject({ step: { id: 'rework' }, labelStatus: 'REJECTED' });

    item = await claim(labeler, projectId, 'rework');
    const view = await getWorkItemView(db, fixture.teamId, item.id);
    expect(view.comments).toMatchObject([{ body: 'It is blue', stepId: 'review' }]);
    await submitItem(db, labeler, {
      itemId: item.id,
      version: item.version,
      caption: 'a blue bicycle leaning on a wall',
    });

    item = await claim(reviewer, projectId, 'review');
    await expect(
      approveItem(db, reviewer, {
        itemId: item.id,
        version: item.version,
        caption: 'a blue bicycle leaning on a brick wall',
      }),
    ).resolves.toMatchObject({ step: { id: 'done' }, status: 'DONE', labelStatus: 'APPROVED' });

    const label = await db.label.findUniqueOrThrow({ where: { dataRowId: fixture.rowIds[0]! } });
    expect(label).toMatchObject({
      status: 'APPROVED',
      caption: 'a blue bicycle leaning on a brick wall',
      createdById: reviewer.userId,
    });
    expect(label.approvedAt).toBeInstanceOf(Date);
    const history = (await getWorkItemView(db, fixture.teamId, item.id)).history;
    expect(
      history.map(({ action, stepId, before, after, comment, actor }) => ({
        action,
        stepId,
        before,
        after,
        comment,
        actor: actor?.id ?? null,
      })),
    ).toEqual([
      {
        action: 'PRELABEL',
        stepId: 'label',
        before: null,
        after: prelabel,
        comment: null,
        actor: null,
      },
      {
        action: 'SUBMIT',
        stepId: 'label',
        before: prelabel,
        after: 'a red bicycle leaning on a wall',
        comment: null,
        actor: labeler.userId,
      },
      {
        action: 'REJECT',
        stepId: 'review',
        before: 'a red bicycle leaning on a wall',
        after: 'a red bicycle leaning on a wall',
        comment: 'It is blue',
        actor: reviewer.userId,
      },
      {
        action: 'SUBMIT',
        stepId: 'rework',
        before: 'a red bicycle leaning on a wall',
        after: 'a blue bicycle leaning on a wall',
        comment: null,
        actor: labeler.userId,
      },
      {
        action: 'APPROVE',
        stepId: 'review',
        before: 'a blue bicycle leaning on a wall',
        after: 'a blue bicycle leaning on a brick wall',
        comment: null,
        actor: reviewer.userId,
      },
    ]);
    const stored = await db.workItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(stored.version - 1).toBe(history.length - 1);
  });

  it('routes by review filters: model captions skip the human-only audit step', async () => {
    const fixture = await createReviewFixture(db, { rows: 2, workflow: twoReviewWorkflow() });
    const { projectId } = fixture;
    const labeler = fixture.as('LABELER');
    const reviewer = fixture.as('REVIEWER');
    // Row 1 keeps the model's caption, row 2 gets a person's.
    let item = await claim(labeler, projectId, 'label');
    const modelCaption = (await getWorkItemView(db, fixture.teamId, item.id)).caption.text;
    await submitItem(db, labeler, {
      itemId: item.id,
      version: item.version,
      caption: modelCaption,
    });
    item = await claim(labeler, projectId, 'label');
    await submitItem(db, labeler, { itemId: item.id, version: item.version, caption: 'two owls' });

    const first = await claim(reviewer, projectId, 'review');
    await expect(
      approveItem(db, reviewer, { itemId: first.id, version: first.version }),
    ).resolves.toMatchObject({ step: { id: 'done' } });
    const second = await claim(reviewer, projectId, 'review');
    await expect(
      approveItem(db, reviewer, { itemId: second.id, version: second.version }),
    ).resolves.toMatchObject({ step: { id: 'audit' }, labelStatus: 'SUBMITTED' });
    // The audit step needs an admin.
    await expect(
      claimNextItem(db, reviewer, { projectId, stepId: 'audit' }, LEASE_MS),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const audited = await claim(fixture.as('ADMIN'), projectId, 'audit');
    await expect(
      approveItem(db, fixture.as('ADMIN'), { itemId: audited.id, version: audited.version }),
    ).resolves.toMatchObject({ step: { id: 'done' }, labelStatus: 'APPROVED' });
  });

  it('goes straight to done when no review step applies, and routes by lint hits', async () => {
    const workflow = WorkflowConfig.parse({
      steps: [
        { id: 'label', name: 'Label', type: 'label' },
        { id: 'lint', name: 'Lint check', type: 'review', filter: { hasLintHits: true } },
        { id: 'rework', name: 'Rework', type: 'rework' },
        { id: 'done', name: 'Done', type: 'done' },
      ],
    });
    const fixture = await createReviewFixture(db, { rows: 2, workflow });
    const labeler = fixture.as('LABELER');
    let item = await claim(labeler, fixture.projectId, 'label');
    await expect(
      submitItem(db, labeler, {
        itemId: item.id,
        version: item.version,
        caption: 'An image of a cat',
      }),
    ).resolves.toMatchObject({ step: { id: 'lint' } });
    item = await claim(labeler, fixture.projectId, 'label');
    await expect(
      submitItem(db, labeler, {
        itemId: item.id,
        version: item.version,
        caption: 'a cat on a mat',
      }),
    ).resolves.toMatchObject({ step: { id: 'done' }, status: 'DONE', labelStatus: 'APPROVED' });
  });
});

describe('bad input and access', () => {
  it('stores HTML and unicode captions as text, exactly', async () => {
    const fixture = await createReviewFixture(db, { rows: 2 });
    const labeler = fixture.as('LABELER');
    for (const caption of [
      '<script>alert("x")</script><b>a cat</b> &amp; a dog',
      'מכונית אדומה 🚗 near a café\u0301 (👨‍👩‍👧)',
    ]) {
      const item = await claim(labeler, fixture.projectId, 'label');
      await submitItem(db, labeler, { itemId: item.id, version: item.version, caption });
      const label = await db.label.findFirstOrThrow({
        where: { dataRow: { workItem: { id: item.id } } },
      });
      expect(label.caption).toBe(caption);
    }
  });

  it(`refuses empty and over-long captions (limit ${MAX_CAPTION_LENGTH} characters)`, () => {
    const base = { itemId: crypto.randomUUID(), version: 1 };
    expect(SubmitInput.safeParse({ ...base, caption: '   ' }).success).toBe(false);
    const long = SubmitInput.safeParse({ ...base, caption: 'x'.repeat(100 * 1024) });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe(
      `Captions are limited to ${MAX_CAPTION_LENGTH} characters`,
    );
  });

  it('refuses a labeler approving, a stale version, an unclaimed item and other teams', async () => {
    const fixture = await createReviewFixture(db, { rows: 1 });
    const [otherLabeler] = await addTeamMembers(db, fixture.teamId, 1, 'LABELER');
    const labeler = fixture.as('LABELER');
    let item = await claim(labeler, fixture.projectId, 'label');
    const caption = 'a lighthouse at dusk';
    await expect(
      submitItem(db, otherLabeler!, { itemId: item.id, version: item.version, caption }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      approveItem(db, labeler, { itemId: item.id, version: item.version }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await submitItem(db, labeler, { itemId: item.id, version: item.version, caption });
    await expect(
      submitItem(db, labeler, { itemId: item.id, version: item.version, caption }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    item = await claim(fixture.as('REVIEWER'), fixture.projectId, 'review');
    await expect(
      approveItem(db, labeler, { itemId: item.id, version: item.version }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      approveItem(db, fixture.as('ADMIN'), { itemId: item.id, version: item.version }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/claim it first/),
    });

    const other = await createReviewFixture(db, { rows: 1 });
    await expect(
      approveItem(db, other.as('OWNER'), { itemId: item.id, version: item.version }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getWorkItemView(db, other.teamId, item.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
