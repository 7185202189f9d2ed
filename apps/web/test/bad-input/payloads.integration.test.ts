// Oversized, malformed and mistyped REST input: refused with a 400 that says what is wrong,
// without reading more than the limit, and without writing anything.
import type { Db } from '@captionary/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  GET as listRowsRoute,
  POST as importRoute,
} from '../../src/app/api/v1/projects/[projectId]/data-rows/route';
import { POST as createProjectRoute } from '../../src/app/api/v1/projects/route';
import { POST as rejectRoute } from '../../src/app/api/v1/work-items/[itemId]/reject/route';
import { POST as submitRoute } from '../../src/app/api/v1/work-items/[itemId]/submit/route';
import { stubImportEnv } from '../../src/server/services/imports/testing/import-test-env';
import { callerFor, testDb } from '../../src/server/testing/fixtures';
import { createReviewFixture, type ReviewFixture } from '../../src/server/testing/review-fixtures';
import { expectNoRowChanges, expectRestError, type CountedTable } from './expectations';
import {
  oversizedBodyCases,
  paginationCases,
  rawBodyCases,
  reviewBodyCases,
  urlCountCase,
} from './payloads.cases';

let db: Db;
let fixture: ReviewFixture;
let keys: Record<'labeler' | 'reviewer' | 'admin', string>;
let reviewItemId: string;

const REVIEW_TABLES: CountedTable[] = ['label', 'labelRevision', 'reviewComment'];

beforeAll(async () => {
  db = testDb();
  await stubImportEnv();
  fixture = await createReviewFixture(db, { rows: 2 });
  const owner = callerFor(db, fixture.members.OWNER, fixture.teamId);
  keys = {
    labeler: (await owner.apiKeys.create({ name: 'l', role: 'LABELER' })).key,
    reviewer: (await owner.apiKeys.create({ name: 'r', role: 'REVIEWER' })).key,
    admin: (await owner.apiKeys.create({ name: 'a', role: 'ADMIN' })).key,
  };
  // One item claimed in the label step, one submitted and claimed for review.
  const labeler = callerFor(db, fixture.members.LABELER, fixture.teamId);
  const first = await labeler.review.claimNext({ projectId: fixture.projectId, stepId: 'label' });
  await labeler.review.submit({ itemId: first!.id, version: first!.version, caption: 'A dog.' });
  const reviewer = callerFor(db, fixture.members.REVIEWER, fixture.teamId);
  reviewItemId = (await reviewer.review.claimNext({
    projectId: fixture.projectId,
    stepId: 'review',
  }))!.id;
  await labeler.review.claimNext({ projectId: fixture.projectId, stepId: 'label' });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
});

function post(path: string, key: string, body: BodyInit, headers: Record<string, string> = {}) {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
}

/** A JSON-looking stream of `bytes` bytes that counts how much of it was read. */
function countingBody(bytes: number) {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const read = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (read.bytes >= bytes) {
        controller.close();
        return;
      }
      read.bytes += chunk.length;
      controller.enqueue(
        read.bytes === chunk.length ? Buffer.from(`{"a":"${' '.repeat(chunk.length - 6)}`) : chunk,
      );
    },
  });
  return { stream, read };
}

describe('review bodies over the limits', () => {
  for (const testCase of reviewBodyCases) {
    it(testCase.title, async () => {
      const [route, key, itemId] =
        testCase.action === 'submit'
          ? [
              submitRoute,
              keys.labeler,
              (
                await db.workItem.findFirstOrThrow({
                  where: { projectId: fixture.projectId, stepId: 'label', status: 'CLAIMED' },
                })
              ).id,
            ]
          : [rejectRoute, keys.reviewer, reviewItemId];
      const item = await db.workItem.findUniqueOrThrow({ where: { id: itemId } });
      await expectNoRowChanges(db, REVIEW_TABLES, async () =>
        expectRestError(
          await route(
            post(
              `/api/v1/work-items/${itemId}/${testCase.action}`,
              key,
              JSON.stringify({
                ...testCase.body,
                version: item.version,
              }),
            ),
            { params: Promise.resolve({ itemId }) },
          ),
          400,
          'INVALID_INPUT',
          testCase.error,
          [key],
        ),
      );
      expect(await db.workItem.findUniqueOrThrow({ where: { id: itemId } })).toEqual(item);
    });
  }
});

describe('bodies that are not the JSON object a route reads', () => {
  for (const testCase of rawBodyCases) {
    it(testCase.title, async () => {
      await expectNoRowChanges(db, ['project'], async () =>
        expectRestError(
          await createProjectRoute(
            post('/api/v1/projects', keys.admin, testCase.body, {
              'content-type': testCase.contentType,
            }),
            { params: Promise.resolve({}) },
          ),
          400,
          'INVALID_INPUT',
          testCase.error,
          [keys.admin],
        ),
      );
    });
  }

  for (const testCase of oversizedBodyCases) {
    it(testCase.title, async () => {
      const { stream, read } = countingBody(testCase.bytes);
      const headers: Record<string, string> = testCase.declaresLength
        ? { 'content-length': String(testCase.bytes) }
        : {};
      const response = await expectNoRowChanges(db, ['project', 'dataRow'], () =>
        testCase.route === 'projects'
          ? createProjectRoute(post('/api/v1/projects', keys.admin, stream, headers), {
              params: Promise.resolve({}),
            })
          : importRoute(
              post(`/api/v1/projects/${fixture.projectId}/data-rows`, keys.admin, stream, headers),
              { params: Promise.resolve({ projectId: fixture.projectId }) },
            ),
      );
      expect([400, 413]).toContain(response.status);
      await expectRestError(
        response.clone() as Response,
        response.status,
        'INVALID_INPUT',
        /Request body is too large/,
      );
      expect(read.bytes).toBeLessThan(testCase.bytes);
    });
  }

  it(urlCountCase.title, async () => {
    const urls = Array.from({ length: 100_001 }, (_, n) => `https://example.com/${n}.jpg`);
    await expectNoRowChanges(db, ['dataRow', 'dataConnection'], async () =>
      expectRestError(
        await importRoute(
          post(
            `/api/v1/projects/${fixture.projectId}/data-rows`,
            keys.admin,
            JSON.stringify({ urls }),
          ),
          { params: Promise.resolve({ projectId: fixture.projectId }) },
        ),
        400,
        'INVALID_INPUT',
        /at most 100000 URLs/,
      ),
    );
  });
});

describe('pagination parameters out of range', () => {
  for (const testCase of paginationCases) {
    it(testCase.title, async () => {
      await expectRestError(
        await listRowsRoute(
          new Request(
            `http://localhost/api/v1/projects/${fixture.projectId}/data-rows?${testCase.query}`,
            { headers: { authorization: `Bearer ${keys.labeler}` } },
          ),
          { params: Promise.resolve({ projectId: fixture.projectId }) },
        ),
        400,
        'INVALID_INPUT',
        /cursor must be a row id, limit 1-1000/,
      );
    });
  }
});
