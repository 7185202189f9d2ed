import type { Db } from '@captionary/db';
import { MAX_CAPTION_LENGTH } from '@captionary/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callerFor, testDb } from '../../../../server/testing/fixtures';
import {
  createReviewFixture,
  type ReviewFixture,
} from '../../../../server/testing/review-fixtures';
import { POST as claimRoute } from '../projects/[projectId]/steps/[stepId]/claim/route';
import { POST as approveRoute } from './[itemId]/approve/route';
import { POST as rejectRoute } from './[itemId]/reject/route';
import { POST as submitRoute } from './[itemId]/submit/route';

let db: Db;
let fixture: ReviewFixture;
let otherTeamItemId: string;
// Keys act as their creators: the owner's labeler key is the owner with the labeler role.
let keys: Record<'labeler' | 'admin', string>;

beforeAll(async () => {
  db = testDb();
  fixture = await createReviewFixture(db, { rows: 1 });
  const owner = callerFor(db, fixture.members.OWNER, fixture.teamId);
  const admin = callerFor(db, fixture.members.ADMIN, fixture.teamId);
  keys = {
    labeler: (await owner.apiKeys.create({ name: 'labeler', role: 'LABELER' })).key,
    admin: (await admin.apiKeys.create({ name: 'admin', role: 'ADMIN' })).key,
  };
  otherTeamItemId = (await createReviewFixture(db, { rows: 1 })).itemIds[0]!;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
});

function post(key: string, path: string, body?: unknown) {
  return new Request(`http://localhost:3000${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function claim(
  key: string,
  stepId: string,
  projectId = fixture.projectId,
  { query = '', body }: { query?: string; body?: unknown } = {},
) {
  const path = `/api/v1/projects/${projectId}/steps/${stepId}/claim${query}`;
  return claimRoute(post(key, path, body), { params: Promise.resolve({ projectId, stepId }) });
}

type Transition = typeof submitRoute;
function act(route: Transition, key: string, itemId: string, body: unknown) {
  return route(post(key, `/api/v1/work-items/${itemId}/x`, body), {
    params: Promise.resolve({ itemId }),
  });
}

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body.error).toEqual({ code, message: expect.any(String) });
  return body;
}

describe('review REST routes', () => {
  it('claims, conflicts, submits, approves and rejects with the documented answers', async () => {
    const claimed = await claim(keys.labeler, 'label');
    expect(claimed.status).toBe(200);
    const { item } = await claimed.json();
    const rowId = fixture.rowIds[0];
    expect(item).toEqual({
      id: fixture.itemIds[0],
      projectId: fixture.projectId,
      stepId: 'label',
      status: 'CLAIMED',
      version: 1,
      leaseExpiresAt: expect.any(String),
      row: {
        id: rowId,
        externalId: 'img-000.jpg',
        width: 64,
        height: 48,
        imageUrl: `/api/images/${rowId}?variant=original`,
        thumbUrl: `/api/images/${rowId}?variant=thumb`,
      },
      caption: { text: 'a picture called img-000.jpg', status: 'DRAFT', byModel: true },
    });
    expect((await claim(keys.labeler, 'label')).status).toBe(200); // the same item, lease renewed
    expect((await claim(keys.admin, 'label')).status).toBe(204);

    const caption = 'a lighthouse on a cliff';
    // Someone who does not hold it; then a stale version, answered with the current item.
    await expectError(
      await act(submitRoute, keys.admin, item.id, { version: 1, caption }),
      403,
      'FORBIDDEN',
    );
    const stale = await expectError(
      await act(submitRoute, keys.labeler, item.id, { version: 7, caption }),
      409,
      'CONFLICT',
    );
    expect(stale.current).toMatchObject({
      id: item.id,
      version: 1,
      caption: { text: expect.any(String) },
    });
    const tooLong = await expectError(
      await act(submitRoute, keys.labeler, item.id, {
        version: 1,
        caption: 'x'.repeat(100 * 1024),
      }),
      400,
      'INVALID_INPUT',
    );
    expect(tooLong.error.message).toContain(String(MAX_CAPTION_LENGTH));
    await expectError(
      await act(submitRoute, keys.labeler, item.id, { version: 1, caption: ' ' }),
      400,
      'INVALID_INPUT',
    );

    const submitted = await act(submitRoute, keys.labeler, item.id, { version: 1, caption });
    expect(submitted.status).toBe(200);
    expect((await submitted.json()).item).toEqual({
      itemId: item.id,
      version: 2,
      step: { id: 'review', name: 'Review', type: 'review' },
      status: 'QUEUED',
      labelStatus: 'SUBMITTED',
    });

    // The labeler key cannot work review; the admin's can.
    await expectError(await claim(keys.labeler, 'review'), 403, 'FORBIDDEN');
    const review = (await (await claim(keys.admin, 'review')).json()).item;
    await expectError(
      await act(approveRoute, keys.labeler, review.id, { version: 2 }),
      403,
      'FORBIDDEN',
    );
    await expectError(
      await act(rejectRoute, keys.admin, review.id, { version: 2 }),
      400,
      'INVALID_INPUT',
    );
    const rejected = await act(rejectRoute, keys.admin, review.id, {
      version: 2,
      comment: 'Name the cliff',
    });
    expect((await rejected.json()).item).toMatchObject({ step: { id: 'rework' }, version: 3 });

    const rework = (await (await claim(keys.labeler, 'rework')).json()).item;
    await act(submitRoute, keys.labeler, rework.id, {
      version: 3,
      caption: `${caption} at Étretat`,
    });
    const final = (await (await claim(keys.admin, 'review')).json()).item;
    const approved = await act(approveRoute, keys.admin, final.id, { version: 4 });
    expect((await approved.json()).item).toMatchObject({ status: 'DONE', labelStatus: 'APPROVED' });
  });

  it('answers 404 for other teams and malformed ids, never revealing either', async () => {
    await expectError(
      await act(submitRoute, keys.admin, otherTeamItemId, { version: 1, caption: 'x' }),
      404,
      'NOT_FOUND',
    );
    await expectError(
      await act(approveRoute, keys.admin, 'not-a-uuid', { version: 1 }),
      404,
      'NOT_FOUND',
    );
    const otherProject = (await db.workItem.findUniqueOrThrow({ where: { id: otherTeamItemId } }))
      .projectId;
    await expectError(await claim(keys.admin, 'label', otherProject), 404, 'NOT_FOUND');
    await expectError(await claim(keys.admin, 'nope'), 404, 'NOT_FOUND');
  });

  it('claims only items with lint hits when asked by query or body, and refuses bad filters', async () => {
    const linted = await createReviewFixture(db, { rows: 3 });
    const captions = ['two boats in a harbour', 'a photo of a harbour', 'call 555-123-4567'];
    for (const [index, rowId] of linted.rowIds.entries()) {
      await db.label.update({ where: { dataRowId: rowId }, data: { caption: captions[index] } });
    }
    const owner = callerFor(db, linted.members.OWNER, linted.teamId);
    const admin = callerFor(db, linted.members.ADMIN, linted.teamId);
    const ownerKey = (await owner.apiKeys.create({ name: 'l', role: 'LABELER' })).key;
    const adminKey = (await admin.apiKeys.create({ name: 'l', role: 'LABELER' })).key;
    const claimIn = (key: string, options: { query?: string; body?: unknown }) =>
      claim(key, 'label', linted.projectId, options);

    const pii = await claimIn(ownerKey, { query: '?lint=pii' });
    expect((await pii.json()).item.id).toBe(linted.itemIds[2]);
    const any = await claimIn(adminKey, { body: { lint: 'any' } });
    expect((await any.json()).item.id).toBe(linted.itemIds[1]);
    await admin.review.release({ itemId: linted.itemIds[1]! });
    expect((await claimIn(adminKey, { body: { lint: 'pii' } })).status).toBe(204);

    for (const options of [
      { query: '?lint=shouting' },
      { body: { lint: 'any', extra: true } },
      { query: '?lint=pii', body: { lint: 'any' } },
    ]) {
      await expectError(await claimIn(adminKey, options), 400, 'INVALID_INPUT');
    }
    const plain = await claimIn(adminKey, {});
    expect((await plain.json()).item.id).toBe(linted.itemIds[0]);
  });
});
