import type { Db } from '@captionary/db';
import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  HTML_PAGE,
  jpegBytes,
  SVG_WITH_SCRIPT,
} from '../../../../../../server/services/imports/testing/image-fixtures';
import {
  startTestImportWorker,
  stubImportEnv,
  waitForImportRun,
} from '../../../../../../server/services/imports/testing/import-test-env';
import {
  startLoopbackServer,
  type LoopbackServer,
} from '../../../../../../server/services/imports/testing/loopback-server';
import { callerFor, createTestTeam, testDb } from '../../../../../../server/testing/fixtures';
import { GET as getImportRun } from '../import-runs/[runId]/route';
import { GET, POST } from './route';

let db: Db;
let server: LoopbackServer;
let worker: Worker;
let projectId: string;
let foreignProjectId: string;
let keys: Record<'admin' | 'reviewer' | 'labeler', string>;

beforeAll(async () => {
  db = testDb();
  const image = new Map<string, Buffer>();
  server = await startLoopbackServer(async (url) => {
    const match = url.match(/^\/img\/(\d+)\.jpg$/);
    if (!match) return undefined;
    if (!image.has(url)) image.set(url, await jpegBytes(Number(match[1]), 16, 16));
    return { body: image.get(url)! };
  });
  const env = await stubImportEnv({ IMPORT_ALLOW_HOSTS: server.hostPort });
  worker = startTestImportWorker(db, env);
  const team = await createTestTeam(db, ['OWNER']);
  const owner = callerFor(db, team.members.OWNER, team.teamId);
  projectId = (await owner.projects.create({ name: 'REST' })).id;
  keys = {
    admin: (await owner.apiKeys.create({ name: 'a', role: 'ADMIN' })).key,
    reviewer: (await owner.apiKeys.create({ name: 'r', role: 'REVIEWER' })).key,
    labeler: (await owner.apiKeys.create({ name: 'l', role: 'LABELER' })).key,
  };
  const other = await createTestTeam(db, ['OWNER']);
  foreignProjectId = (
    await callerFor(db, other.members.OWNER, other.teamId).projects.create({ name: 'Theirs' })
  ).id;
});

afterAll(async () => {
  await worker.close();
  await server.close();
  vi.unstubAllEnvs();
  await db.$disconnect();
});

function call(
  handler: typeof POST,
  key: string | null,
  {
    project = projectId,
    body,
    contentType = 'application/json',
    query = '',
  }: {
    project?: string;
    body?: BodyInit;
    contentType?: string | null;
    query?: string;
  } = {},
) {
  const headers = new Headers();
  if (contentType) headers.set('content-type', contentType);
  if (key) headers.set('authorization', `Bearer ${key}`);
  const request = new Request(`http://localhost/api/v1/projects/${project}/data-rows${query}`, {
    method: handler === POST ? 'POST' : 'GET',
    headers,
    body,
  });
  return handler(request, { params: Promise.resolve({ projectId: project }) });
}

const urlsBody = (urls: unknown[]) => JSON.stringify({ urls });

describe('POST /api/v1/projects/:projectId/data-rows', () => {
  it('answers 401 without a key, 403 to labeler and reviewer keys, 404 for other teams', async () => {
    const body = urlsBody([server.url('/img/1.jpg')]);
    expect((await call(POST, null, { body })).status).toBe(401);
    expect((await call(POST, keys.labeler, { body })).status).toBe(403);
    expect((await call(POST, keys.reviewer, { body })).status).toBe(403);
    const foreign = await call(POST, keys.admin, { body, project: foreignProjectId });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'Project not found' },
    });
    expect((await call(POST, keys.admin, { body, project: 'not-a-uuid' })).status).toBe(404);
    expect(await db.dataRow.count({ where: { projectId } })).toBe(0);
  });

  it('imports a short URL list in the request: created, skipped and failed with reasons', async () => {
    const response = await call(POST, keys.admin, {
      body: urlsBody([
        server.url('/img/1.jpg'),
        { url: server.url('/img/2.jpg'), externalId: 'two' },
        'http://127.0.0.1:1/img/3.jpg',
        'ftp://example.com/x.jpg',
      ]),
    });
    expect(response.status).toBe(200);
    const result = await response.json();
    // Items are read concurrently, so failures arrive in completion order.
    result.failed.sort((a: { input: string }, b: { input: string }) =>
      b.input.localeCompare(a.input),
    );
    expect(result).toEqual({
      importRunId: expect.any(String),
      status: 'SUCCEEDED',
      created: 2,
      skipped: 0,
      failed: [
        {
          input: 'http://127.0.0.1:1/img/3.jpg',
          error: expect.stringMatching(/private or reserved/),
        },
        { input: 'ftp://example.com/x.jpg', error: expect.stringMatching(/Only http and https/) },
      ],
    });
    const again = await (
      await call(POST, keys.admin, { body: urlsBody([server.url('/img/1.jpg')]) })
    ).json();
    expect(again).toMatchObject({ created: 0, skipped: 1, failed: [] });
    expect(await db.dataRow.findFirst({ where: { projectId, externalId: 'two' } })).not.toBeNull();
  });

  it('imports uploaded files, refusing HTML and SVG whatever their name and type', async () => {
    const form = new FormData();
    form.append(
      'files',
      new Blob([new Uint8Array(await jpegBytes(77))], { type: 'image/jpeg' }),
      'up/a.jpg',
    );
    form.append('files', new Blob([new Uint8Array(HTML_PAGE)], { type: 'image/jpeg' }), 'page.jpg');
    form.append(
      'files',
      new Blob([new Uint8Array(SVG_WITH_SCRIPT)], { type: 'image/png' }),
      'x.png',
    );
    const response = await call(POST, keys.admin, { body: form, contentType: null });
    expect(response.status).toBe(200);
    const result = await response.json();
    result.failed.sort((a: { input: string }, b: { input: string }) =>
      a.input.localeCompare(b.input),
    );
    expect(result).toMatchObject({
      created: 1,
      skipped: 0,
      failed: [
        { input: 'page.jpg', error: expect.stringMatching(/HTML/) },
        { input: 'x.png', error: expect.stringMatching(/SVG/) },
      ],
    });
    expect(await db.dataRow.count({ where: { projectId, externalId: 'up/a.jpg' } })).toBe(1);
  });

  it('runs long lists in the background: 202 with a run to poll', async () => {
    const urls = Array.from({ length: 1_005 }, (_, i) => server.url(`/img/${100 + i}.jpg`));
    const response = await call(POST, keys.admin, { body: urlsBody(urls) });
    expect(response.status).toBe(202);
    const { importRunId, status, totalItems } = await response.json();
    expect({ status, totalItems }).toEqual({ status: 'QUEUED', totalItems: 1005 });
    await waitForImportRun(db, importRunId, 60_000);
    const polled = await getImportRun(
      new Request(`http://localhost/api/v1/projects/${projectId}/import-runs/${importRunId}`, {
        headers: { authorization: `Bearer ${keys.labeler}` },
      }),
      { params: Promise.resolve({ projectId, runId: importRunId }) },
    );
    expect((await polled.json()).importRun).toMatchObject({
      status: 'SUCCEEDED',
      created: 1005,
      processed: 1005,
    });
  });
});

describe('GET /api/v1/projects/:projectId/data-rows', () => {
  it('pages through rows with a cursor', async () => {
    const total = await db.dataRow.count({ where: { projectId } });
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const query: string = `?limit=400${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await (await call(GET, keys.labeler, { query })).json();
      for (const row of page.rows) seen.add(row.id);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(total);
    expect((await call(GET, keys.labeler, { query: '?limit=5000' })).status).toBe(400);
    expect((await call(GET, keys.labeler, { project: foreignProjectId })).status).toBe(404);
  });
});
