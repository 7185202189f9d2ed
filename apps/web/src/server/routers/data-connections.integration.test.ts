import type { Db } from '@captionary/db';
import type { Worker } from 'bullmq';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  bombPng,
  HTML_PAGE,
  jpegBytes,
  SVG_WITH_SCRIPT,
  truncatedJpeg,
} from '../services/imports/testing/image-fixtures';
import {
  startTestImportWorker,
  stubImportEnv,
  waitForImportRun,
  type ImportTestEnv,
} from '../services/imports/testing/import-test-env';
import {
  startLoopbackServer,
  type LoopbackServer,
} from '../services/imports/testing/loopback-server';
import { callerFor, createTestTeam, testDb } from '../testing/fixtures';

let db: Db;
let env: ImportTestEnv;
let server: LoopbackServer;
let worker: Worker;
let team: Awaited<ReturnType<typeof createTestTeam>>;
let projectId: string;
/** What /img/<n>.jpg serves; tests change it to play a source whose images change. */
const images = new Map<string, Buffer>();

beforeAll(async () => {
  db = testDb();
  const truncated = await truncatedJpeg();
  server = await startLoopbackServer((url) => {
    if (images.has(url)) return { body: images.get(url)! };
    if (url === '/page.jpg') return { body: HTML_PAGE, contentType: 'image/jpeg' };
    if (url === '/evil.svg') return { body: SVG_WITH_SCRIPT, contentType: 'image/svg+xml' };
    if (url === '/huge.jpg') return { body: Buffer.alloc(300_000, 0xff) };
    if (url === '/bomb.png') return { body: bombPng(), contentType: 'image/png' };
    if (url === '/truncated.jpg') return { body: truncated };
    return undefined;
  });
  for (let n = 1; n <= 4; n += 1) images.set(`/img/${n}.jpg`, await jpegBytes(n));
  images.set('/img/copy-of-1.jpg', images.get('/img/1.jpg')!);
  env = await stubImportEnv({
    IMPORT_ALLOW_HOSTS: server.hostPort,
    IMPORT_MAX_BYTES: '200000',
  });
  worker = startTestImportWorker(db, env);
  team = await createTestTeam(db);
  projectId = (await callerFor(db, team.members.OWNER, team.teamId).projects.create({ name: 'P' }))
    .id;
});

afterAll(async () => {
  await worker.close();
  await server.close();
  vi.unstubAllEnvs();
  await db.$disconnect();
});

const admin = () => callerFor(db, team.members.ADMIN, team.teamId);
const list = (...paths: string[]) =>
  paths.map((p) => (p.startsWith('/') ? server.url(p) : p)).join('\n');

describe('URL list connections', () => {
  let connectionId: string;

  it('imports good images and reports every bad item with its reason', async () => {
    const { connection, firstRun } = await admin().dataConnections.create({
      projectId,
      kind: 'URL_LIST',
      name: 'Web images',
      listText: list(
        '/img/1.jpg',
        '/img/2.jpg',
        '/img/3.jpg',
        '/img/copy-of-1.jpg',
        '/img/1.jpg',
        '/page.jpg',
        '/evil.svg',
        '/huge.jpg',
        '/bomb.png',
        '/truncated.jpg',
        '/missing.jpg',
        `http://localhost:${server.port}/img/4.jpg`,
        'http://169.254.169.254/latest/meta-data/',
        'file:///etc/passwd',
        'not a url',
      ),
    });
    connectionId = connection.id;
    const run = await waitForImportRun(db, firstRun!.id);
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      totalItems: 15,
      created: 3,
      // The repeated line and the copy with the same bytes.
      skipped: 2,
      failed: 10,
    });
    const reasons = Object.fromEntries(
      (run.failures as { input: string; error: string }[]).map((f) => [
        f.input.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''),
        f.error,
      ]),
    );
    expect(reasons).toMatchObject({
      '/page.jpg': expect.stringMatching(/HTML/),
      '/evil.svg': expect.stringMatching(/SVG is not allowed/),
      '/huge.jpg': expect.stringMatching(/larger than/),
      '/bomb.png': expect.stringMatching(/over the limit/),
      '/truncated.jpg': expect.stringMatching(/truncated or corrupt/),
      '/missing.jpg': expect.stringMatching(/HTTP 404/),
      [`http://localhost:${server.port}/img/4.jpg`]: expect.stringMatching(/private or reserved/),
      'http://169.254.169.254/latest/meta-data/': expect.stringMatching(/private or reserved/),
      'file:///etc/passwd': expect.stringMatching(/Only http and https/),
      'not a url': 'Not a valid URL',
    });

    const rows = await db.dataRow.findMany({
      where: { projectId },
      orderBy: { externalId: 'asc' },
    });
    expect(rows.map((r) => r.externalId)).toEqual(
      ['/img/1.jpg', '/img/2.jpg', '/img/3.jpg'].map(server.url),
    );
    for (const row of rows) {
      expect(row).toMatchObject({ width: 64, height: 48, mimeType: 'image/jpeg', connectionId });
      expect(row.storageKey).toBe(`projects/${projectId}/rows/${row.sha256}.jpg`);
      expect(existsSync(path.join(env.storageDir, row.storageKey))).toBe(true);
      expect(existsSync(path.join(env.storageDir, row.thumbnailKey!))).toBe(true);
    }
  });

  it('imports the same list again without duplicates: everything is skipped', async () => {
    const run = await admin().dataConnections.startImport({ connectionId });
    const finished = await waitForImportRun(db, run.id);
    expect(finished).toMatchObject({ created: 0, skipped: 5, failed: 10 });
    expect(await db.dataRow.count({ where: { projectId } })).toBe(3);
  });

  it('re-sync finds new, changed and removed images', async () => {
    images.set('/img/2.jpg', await jpegBytes(200, 80, 60));
    await admin().dataConnections.replaceUrlList({
      connectionId,
      listText: list('/img/1.jpg', '/img/2.jpg', '/img/4.jpg'),
    });
    const run = await waitForImportRun(
      db,
      (await admin().dataConnections.resync({ connectionId })).id,
    );
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      created: 1,
      changed: 1,
      skipped: 1,
      removed: 1,
      failed: 0,
    });
    const changed = await db.dataRow.findFirstOrThrow({
      where: { projectId, externalId: server.url('/img/2.jpg') },
    });
    expect(changed).toMatchObject({ width: 80, height: 60, removedAt: null });
    const removed = await db.dataRow.findFirstOrThrow({
      where: { projectId, externalId: server.url('/img/3.jpg') },
    });
    expect(removed.removedAt).not.toBeNull();

    const [summary] = await admin().dataConnections.list({ projectId });
    expect(summary).toMatchObject({
      id: connectionId,
      rowCount: 3,
      settings: { kind: 'URL_LIST', entryCount: 3 },
    });
    expect(summary!.latestRun).toMatchObject({ id: run.id, processed: 3, removed: 1 });
  });

  it('lets only admins and owners connect and import, and hides other teams', async () => {
    for (const role of ['LABELER', 'REVIEWER'] as const) {
      const caller = callerFor(db, team.members[role], team.teamId);
      await expect(
        caller.dataConnections.create({
          projectId,
          kind: 'URL_LIST',
          name: 'x',
          listText: server.url('/img/1.jpg'),
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(caller.dataConnections.resync({ connectionId })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    const other = await createTestTeam(db, ['OWNER']);
    const outsider = callerFor(db, other.members.OWNER, other.teamId);
    await expect(outsider.dataConnections.resync({ connectionId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(outsider.dataConnections.list({ projectId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      outsider.dataConnections.create({ projectId, kind: 'UPLOAD', name: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
