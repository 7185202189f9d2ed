// SSRF: every case goes through its real entry point (the REST import route with an API key, the
// webhooks and data-connections procedures) and must be refused before any connection is made.
import type { Db } from '@captionary/db';
import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as importRoute } from '../../src/app/api/v1/projects/[projectId]/data-rows/route';
import { jpegBytes } from '../../src/server/services/imports/testing/image-fixtures';
import {
  startTestImportWorker,
  stubImportEnv,
  type ImportTestEnv,
} from '../../src/server/services/imports/testing/import-test-env';
import {
  startLoopbackServer,
  type LoopbackServer,
} from '../../src/server/services/imports/testing/loopback-server';
import { callerFor, createTestTeam, testDb } from '../../src/server/testing/fixtures';
import { expectNoLeak, expectNoRowChanges, expectTrpcError, listFiles } from './expectations';
import { s3EndpointCases, urlImportCases, webhookCases, type SsrfTargets } from './ssrf.cases';

let db: Db;
let env: ImportTestEnv;
let worker: Worker;
let allowed: LoopbackServer;
let trap: LoopbackServer;
let trapHits = 0;
let targets: SsrfTargets;
let team: Awaited<ReturnType<typeof createTestTeam>>;
let projectId: string;
let adminKey: string;

beforeAll(async () => {
  db = testDb();
  const image = await jpegBytes(1);
  allowed = await startLoopbackServer((url) => {
    const target = new URL(url, 'http://allowed').searchParams.get('to');
    return target ? { redirect: target } : { body: image };
  });
  trap = await startLoopbackServer(() => {
    trapHits += 1;
    return { body: image };
  });
  targets = { trapPort: trap.port, allowed: (path) => allowed.url(path) };
  env = await stubImportEnv({ IMPORT_ALLOW_HOSTS: allowed.hostPort });
  worker = startTestImportWorker(db, env);
  team = await createTestTeam(db, ['OWNER', 'ADMIN']);
  const owner = callerFor(db, team.members.OWNER, team.teamId);
  projectId = (await owner.projects.create({ name: 'SSRF' })).id;
  adminKey = (await owner.apiKeys.create({ name: 'import', role: 'ADMIN' })).key;
});

afterAll(async () => {
  await worker.close();
  await allowed.close();
  await trap.close();
  vi.unstubAllEnvs();
  await db.$disconnect();
});

const admin = () => callerFor(db, team.members.ADMIN, team.teamId);

function importUrl(url: string): Promise<Response> {
  return importRoute(
    new Request(`http://localhost/api/v1/projects/${projectId}/data-rows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ urls: [url] }),
    }),
    { params: Promise.resolve({ projectId }) },
  );
}

describe('URL imports refuse addresses inside the server network', () => {
  it('imports from the allow-listed loopback server (the control case)', async () => {
    const response = await importUrl(allowed.url('/fine.jpg'));
    expect(await response.json()).toMatchObject({ created: 1, failed: [] });
  });

  for (const testCase of urlImportCases) {
    it(testCase.title, async () => {
      const url = testCase.url(targets);
      const filesBefore = await listFiles(env.storageDir);
      const text = await expectNoRowChanges(db, ['dataRow'], async () => {
        const response = await importUrl(url);
        expect(response.status).toBe(200);
        return response.text();
      });
      expectNoLeak(text, [adminKey]);
      const result = JSON.parse(text) as { created: number; failed: { error: string }[] };
      expect(result.created).toBe(0);
      expect(result.failed).toEqual([{ input: url, error: expect.stringMatching(testCase.error) }]);
      expect(await listFiles(env.storageDir)).toEqual(filesBefore);
      expect(trapHits).toBe(0);
    });
  }
});

describe('webhook targets refuse addresses inside the server network', () => {
  for (const testCase of webhookCases) {
    it(testCase.title, async () => {
      await expectNoRowChanges(db, ['webhook'], () =>
        expectTrpcError(
          admin().webhooks.create({
            projectId,
            url: testCase.url(targets),
            events: ['label.approved'],
          }),
          'BAD_REQUEST',
          testCase.error,
        ),
      );
      expect(trapHits).toBe(0);
    });
  }
});

describe('S3 connection endpoints refuse addresses inside the server network', () => {
  for (const testCase of s3EndpointCases) {
    it(testCase.title, async () => {
      await expectNoRowChanges(db, ['dataConnection'], () =>
        expectTrpcError(
          admin().dataConnections.create({
            projectId,
            kind: 'S3',
            name: 'bucket',
            endpoint: testCase.url(targets),
            bucket: 'dataset',
            accessKeyId: 'AKIAEXAMPLE',
            secretAccessKey: 'secret-access-key-never-shown',
          }),
          'BAD_REQUEST',
          testCase.error,
        ),
      );
      expect(trapHits).toBe(0);
    });
  }
});
