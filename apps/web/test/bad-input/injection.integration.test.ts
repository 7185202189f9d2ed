// ORM/SQL injection and prototype pollution through the row browser, the REST export and JSON
// bodies of REST routes.
import type { Db } from '@captionary/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as exportRoute } from '../../src/app/api/v1/projects/[projectId]/export/route';
import { POST as createProjectRoute } from '../../src/app/api/v1/projects/route';
import { callerFor, testDb } from '../../src/server/testing/fixtures';
import { createReviewFixture, type ReviewFixture } from '../../src/server/testing/review-fixtures';
import { expectNoLeak, expectNoRowChanges, expectRestError, expectTrpcError } from './expectations';
import { exportQueryCases, prototypePollutionCases, rowFilterCases } from './injection.cases';

let db: Db;
let fixture: ReviewFixture;
let keys: Record<'reviewer' | 'admin', string>;

beforeAll(async () => {
  db = testDb();
  fixture = await createReviewFixture(db, { rows: 3 });
  const owner = callerFor(db, fixture.members.OWNER, fixture.teamId);
  keys = {
    reviewer: (await owner.apiKeys.create({ name: 'r', role: 'REVIEWER' })).key,
    admin: (await owner.apiKeys.create({ name: 'a', role: 'ADMIN' })).key,
  };
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
});

const labeler = () => callerFor(db, fixture.members.LABELER, fixture.teamId);

describe('row filters name only the fields the browser offers', () => {
  it('finds rows by caption text (the control case)', async () => {
    const page = await labeler().dataRows.browse({
      projectId: fixture.projectId,
      filter: { text: 'a picture' },
    });
    expect(page.rows).toHaveLength(3);
  });

  for (const testCase of rowFilterCases) {
    it(testCase.title, async () => {
      const filter = JSON.parse(testCase.filterJson) as Record<string, unknown>;
      const browse = () => labeler().dataRows.browse({ projectId: fixture.projectId, filter });
      if ('refused' in testCase.outcome) {
        await expectTrpcError(browse(), 'BAD_REQUEST', testCase.outcome.refused);
        return;
      }
      const page = await expectNoRowChanges(db, ['dataRow', 'label'], browse);
      expect(page.rows).toEqual([]);
      expectNoLeak(JSON.stringify(page));
    });
  }
});

describe('export filters are an allow-list of query parameters', () => {
  for (const testCase of exportQueryCases) {
    it(testCase.title, async () => {
      const url = `http://localhost/api/v1/projects/${fixture.projectId}/export?format=jsonl&${testCase.query}`;
      await expectNoRowChanges(db, ['exportRecord'], async () =>
        expectRestError(
          await exportRoute(
            new Request(url, { headers: { authorization: `Bearer ${keys.reviewer}` } }),
            {
              params: Promise.resolve({ projectId: fixture.projectId }),
            },
          ),
          400,
          'INVALID_INPUT',
          testCase.error,
          [keys.reviewer],
        ),
      );
    });
  }
});

describe('prototype keys in JSON bodies are plain data', () => {
  for (const testCase of prototypePollutionCases) {
    it(testCase.title, async () => {
      const response = await createProjectRoute(
        new Request('http://localhost/api/v1/projects', {
          method: 'POST',
          headers: { authorization: `Bearer ${keys.admin}`, 'content-type': 'application/json' },
          body: testCase.body,
        }),
        { params: Promise.resolve({}) },
      );
      expect(response.status).toBe(201);
      const { project } = (await response.json()) as { project: Record<string, unknown> };
      const name = (JSON.parse(testCase.body) as { name: string }).name;
      expect(project.name).toBe(name);
      expect(project).not.toHaveProperty('polluted');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      const stored = await db.project.findUniqueOrThrow({ where: { id: project.id as string } });
      expect({ name: stored.name, teamId: stored.teamId }).toEqual({
        name,
        teamId: fixture.teamId,
      });
    });
  }
});
