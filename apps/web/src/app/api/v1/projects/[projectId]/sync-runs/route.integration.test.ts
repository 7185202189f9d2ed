// The sync-run REST API against a real database, Redis queue and sync worker: an admin key starts
// a run, any member's key polls it to its counts, and the files land in the folder.
import type { Db } from '@captionary/db';
import type { Worker } from 'bullmq';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getSyncRunQueue } from '../../../../../../server/services/sync/sync-runtime';
import {
  addRow,
  setLabel,
  startTestSyncWorker,
  stubSyncEnv,
} from '../../../../../../server/services/sync/testing/sync-fixtures';
import { callerFor, createTestTeam, testDb } from '../../../../../../server/testing/fixtures';
import { GET as getRun } from './[runId]/route';
import { GET as listRuns, POST as startRun } from './route';

let db: Db;
let worker: Worker;
let dataRoot: string;
let projectId: string;
let otherProjectId: string;
let connectionId: string;
let otherConnectionId: string;
let keys: Record<'admin' | 'labeler' | 'outsider', string>;

beforeAll(async () => {
  db = testDb();
  dataRoot = await mkdtemp(path.join(tmpdir(), 'captionary-rest-sync-'));
  await mkdir(path.join(dataRoot, 'photos'));
  const { queuePrefix } = stubSyncEnv({ DATA_ROOT: dataRoot });
  worker = startTestSyncWorker(db, queuePrefix);
  const team = await createTestTeam(db, ['OWNER', 'ADMIN', 'LABELER']);
  const owner = callerFor(db, team.members.OWNER, team.teamId);
  const other = await createTestTeam(db, ['OWNER']);
  keys = {
    admin: (await owner.apiKeys.create({ name: 'a', role: 'ADMIN' })).key,
    labeler: (await owner.apiKeys.create({ name: 'l', role: 'LABELER' })).key,
    outsider: (
      await callerFor(db, other.members.OWNER, other.teamId).apiKeys.create({
        name: 'o',
        role: 'OWNER',
      })
    ).key,
  };
  projectId = (await owner.projects.create({ name: 'Synced' })).id;
  otherProjectId = (await owner.projects.create({ name: 'Sibling' })).id;
  const folder = (project: string) =>
    db.dataConnection.create({
      data: {
        projectId: project,
        kind: 'SERVER_FOLDER',
        name: 'photos',
        config: { path: 'photos' },
      },
    });
  connectionId = (await folder(projectId)).id;
  otherConnectionId = (await folder(otherProjectId)).id;
  const a = await addRow(db, projectId, connectionId, 'a.jpg');
  const b = await addRow(db, projectId, connectionId, 'b.jpg');
  const c = await addRow(db, projectId, connectionId, 'c.jpg');
  await setLabel(db, projectId, a, 'a cat on a mat', 'APPROVED');
  await setLabel(db, projectId, b, 'a dog', 'APPROVED');
  await setLabel(db, projectId, c, 'waiting for review', 'SUBMITTED');
});

afterAll(async () => {
  await worker.close();
  await getSyncRunQueue().close();
  vi.unstubAllEnvs();
  await db.$disconnect();
});

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

function call(
  handler: Handler,
  params: Record<string, string>,
  key: string,
  { method = 'GET', body, query = '' }: { method?: string; body?: unknown; query?: string } = {},
) {
  const request = new Request(`http://localhost/api/v1/test${query}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler(request, { params: Promise.resolve(params) as Promise<never> });
}

const start = (body: unknown, key = keys.admin, project = projectId) =>
  call(startRun as Handler, { projectId: project }, key, { method: 'POST', body });

async function runUntilSettled(runId: string) {
  for (let i = 0; i < 600; i++) {
    const response = await call(getRun as Handler, { projectId, runId }, keys.labeler);
    expect(response.status).toBe(200);
    const { syncRun } = await response.json();
    if (syncRun.status === 'SUCCEEDED' || syncRun.status === 'FAILED') return syncRun;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the sync run did not settle');
}

describe('/api/v1/projects/:projectId/sync-runs', () => {
  it('starts a run with an admin key and reports its counts when it is done', async () => {
    const response = await start({ connectionId });
    expect(response.status).toBe(201);
    const { syncRun } = await response.json();
    expect(syncRun).toMatchObject({ projectId, connectionId, status: 'QUEUED', since: null });

    const settled = await runUntilSettled(syncRun.id);
    // Two sidecars and the manifest.
    expect(settled).toMatchObject({ status: 'SUCCEEDED', written: 3, removed: 0, unchanged: 0 });
    expect(await readFile(path.join(dataRoot, 'photos/a.jpg.txt'), 'utf8')).toBe(
      'a cat on a mat\n',
    );

    const second = await (await start({ connectionId, full: true })).json();
    expect(await runUntilSettled(second.syncRun.id)).toMatchObject({
      status: 'SUCCEEDED',
      written: 0,
      unchanged: 3,
    });
    const list = await call(listRuns as Handler, { projectId }, keys.labeler, {
      query: '?limit=1',
    });
    expect((await list.json()).syncRuns.map((run: { id: string }) => run.id)).toEqual([
      second.syncRun.id,
    ]);
  });

  it('needs an admin key to start and any member key to read', async () => {
    expect((await start({ connectionId }, keys.labeler)).status).toBe(403);
    expect((await call(listRuns as Handler, { projectId }, keys.labeler)).status).toBe(200);
  });

  it('answers 404 for other projects’ connections, other teams and malformed ids', async () => {
    expect((await start({ connectionId: otherConnectionId })).status).toBe(404);
    expect((await start({ connectionId }, keys.outsider)).status).toBe(404);
    expect((await start({ connectionId }, keys.admin, 'nope')).status).toBe(404);
    const [run] = await db.syncRun.findMany({ where: { projectId }, take: 1 });
    for (const [key, params] of [
      [keys.outsider, { projectId, runId: run!.id }],
      [keys.labeler, { projectId: otherProjectId, runId: run!.id }],
      [keys.labeler, { projectId, runId: 'not-an-id' }],
    ] as const) {
      expect((await call(getRun as Handler, params, key)).status).toBe(404);
    }
    expect((await call(listRuns as Handler, { projectId }, keys.outsider)).status).toBe(404);
    expect(await db.syncRun.count({ where: { connectionId: otherConnectionId } })).toBe(0);
  });

  it('refuses bodies and queries that do not parse', async () => {
    for (const body of [{}, { connectionId: 'x' }, { connectionId, full: 'yes' }]) {
      const response = await start(body);
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('INVALID_INPUT');
    }
    const response = await call(listRuns as Handler, { projectId }, keys.labeler, {
      query: '?limit=0',
    });
    expect(response.status).toBe(400);
  });
});
