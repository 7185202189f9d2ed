import type { Db } from '@captionary/db';
import type { Worker } from 'bullmq';
import { mkdir, mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callerFor, createTestTeam, testDb } from '../../testing/fixtures';
import { importSettingsFromEnv } from '../imports/import-settings';
import { INTERRUPTED_MESSAGE, processSyncRun } from './process-sync-run';
import {
  addRow,
  setLabel,
  startTestSyncWorker,
  stubSyncEnv,
  waitForSyncRun,
} from './testing/sync-fixtures';

let db: Db;
let worker: Worker;
let base: string;
let dataRoot: string;
let team: Awaited<ReturnType<typeof createTestTeam>>;
let projectId: string;

beforeAll(async () => {
  db = testDb();
  base = await mkdtemp(path.join(tmpdir(), 'captionary-sync-'));
  dataRoot = path.join(base, 'root');
  await mkdir(path.join(dataRoot, 'photos/sub'), { recursive: true });
  await mkdir(path.join(base, 'outside'), { recursive: true });
  const { queuePrefix } = stubSyncEnv({ DATA_ROOT: dataRoot });
  worker = startTestSyncWorker(db, queuePrefix);
  team = await createTestTeam(db, ['OWNER', 'ADMIN', 'LABELER']);
  projectId = (await callerFor(db, team.members.OWNER, team.teamId).projects.create({ name: 'P' }))
    .id;
});

afterAll(async () => {
  await worker.close();
  vi.unstubAllEnvs();
  await db.$disconnect();
});

const admin = () => callerFor(db, team.members.ADMIN, team.teamId);

async function folderConnection(folder: string): Promise<string> {
  const connection = await db.dataConnection.create({
    data: { projectId, kind: 'SERVER_FOLDER', name: folder, config: { path: folder } },
  });
  return connection.id;
}

async function syncNow(connectionId: string, full = false) {
  const run = await admin().sync.start({ connectionId, full });
  return waitForSyncRun(db, run.id);
}

const read = (relative: string) => readFile(path.join(dataRoot, relative), 'utf8');
const exists = (relative: string) =>
  stat(path.join(dataRoot, relative)).then(
    () => true,
    () => false,
  );
const manifest = async (folder: string) =>
  (await read(`${folder}/captions.jsonl`))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { file: string; caption: string; updated_at: string });

describe('sync to a server folder', () => {
  it('writes sidecars and a manifest, writes nothing on a rerun, and reconciles removals', async () => {
    const connectionId = await folderConnection('photos');
    const rows = {
      a: await addRow(db, projectId, connectionId, 'a.jpg'),
      b: await addRow(db, projectId, connectionId, 'b.jpg'),
      c: await addRow(db, projectId, connectionId, 'sub/c.png'),
      d: await addRow(db, projectId, connectionId, 'd.jpg'),
      e: await addRow(db, projectId, connectionId, 'e.jpg'),
    };
    await setLabel(db, projectId, rows.a, 'a cat on a mat', 'APPROVED');
    await setLabel(db, projectId, rows.b, 'a dog', 'APPROVED');
    await setLabel(db, projectId, rows.c, 'a bird', 'APPROVED');
    await setLabel(db, projectId, rows.d, 'not reviewed yet', 'SUBMITTED');
    // A file the user keeps next to an image the platform never approved: never touched.
    await writeFile(path.join(dataRoot, 'photos/d.jpg.txt'), 'user notes');

    const first = await syncNow(connectionId);
    expect(first).toMatchObject({ status: 'SUCCEEDED', written: 4, removed: 0, unchanged: 0 });
    expect(first.error).toBeNull();
    expect(await read('photos/a.jpg.txt')).toBe('a cat on a mat\n');
    expect(await read('photos/sub/c.png.txt')).toBe('a bird\n');
    expect(await exists('photos/e.jpg.txt')).toBe(false);
    expect(await read('photos/d.jpg.txt')).toBe('user notes');
    expect((await manifest('photos')).map(({ file, caption }) => ({ file, caption }))).toEqual([
      { file: 'a.jpg', caption: 'a cat on a mat' },
      { file: 'b.jpg', caption: 'a dog' },
      { file: 'sub/c.png', caption: 'a bird' },
    ]);
    // Writes leave no temp files behind.
    expect(
      (await readdir(path.join(dataRoot, 'photos'))).filter((n) => n.endsWith('.tmp')),
    ).toEqual([]);

    const modifiedBefore = (await stat(path.join(dataRoot, 'photos/a.jpg.txt'))).mtimeMs;
    const manifestBefore = (await stat(path.join(dataRoot, 'photos/captions.jsonl'))).mtimeMs;
    const rerun = await syncNow(connectionId);
    expect(rerun).toMatchObject({ status: 'SUCCEEDED', written: 0, removed: 0, unchanged: 4 });
    expect((await stat(path.join(dataRoot, 'photos/a.jpg.txt'))).mtimeMs).toBe(modifiedBefore);
    expect((await stat(path.join(dataRoot, 'photos/captions.jsonl'))).mtimeMs).toBe(manifestBefore);

    await setLabel(db, projectId, rows.a, 'a black cat on a mat', 'APPROVED');
    // Un-approved without a kept approval time: found through the last manifest.
    await setLabel(db, projectId, rows.b, 'a dog', 'SUBMITTED', { clearApproval: true });
    await db.dataRow.update({ where: { id: rows.c }, data: { removedAt: new Date() } });

    const third = await syncNow(connectionId);
    expect(third).toMatchObject({ status: 'SUCCEEDED', written: 2, removed: 2 });
    expect(await read('photos/a.jpg.txt')).toBe('a black cat on a mat\n');
    expect(await exists('photos/b.jpg.txt')).toBe(false);
    expect(await exists('photos/sub/c.png.txt')).toBe(false);
    expect(await read('photos/d.jpg.txt')).toBe('user notes');
    expect(await manifest('photos')).toEqual([
      { file: 'a.jpg', caption: 'a black cat on a mat', updated_at: expect.any(String) },
    ]);

    const runs = await admin().sync.runs({ projectId });
    expect(runs.slice(0, 3).map((run) => run.written)).toEqual([2, 0, 4]);
    const [view] = (await admin().sync.connections({ projectId })).filter(
      (connection) => connection.id === connectionId,
    );
    expect(view).toMatchObject({
      destination: 'DATA_ROOT/photos',
      approvedCount: 1,
      latestRun: { id: third.id, status: 'SUCCEEDED' },
    });
  });

  it('counts a folder in the way and paths leaving the root as failures and goes on', async () => {
    await mkdir(path.join(dataRoot, 'tricky/blocked.jpg.txt'), { recursive: true });
    await symlink(path.join(base, 'outside'), path.join(dataRoot, 'tricky/linked'));
    const connectionId = await folderConnection('tricky');
    for (const [file, caption] of [
      ['ok.jpg', 'fine'],
      ['blocked.jpg', 'cannot land'],
      ['../escape.jpg', 'climbs out'],
      ['linked/x.jpg', 'through a link'],
    ] as const) {
      await setLabel(
        db,
        projectId,
        await addRow(db, projectId, connectionId, file),
        caption,
        'APPROVED',
      );
    }
    const run = await syncNow(connectionId);
    expect(run).toMatchObject({ status: 'SUCCEEDED', written: 2 });
    expect(run.error).toMatch(/^3 files could not be synced/);
    expect(run.error).toContain('blocked.jpg: A folder is in the way of the caption file');
    expect(run.error).toContain('../escape.jpg: The image path leaves the folder root');
    expect(run.error).toContain(
      "linked/x.jpg: The image's folder is a link that leaves the folder root",
    );
    expect(await read('tricky/ok.jpg.txt')).toBe('fine\n');
    expect(await readdir(path.join(base, 'outside'))).toEqual([]);
    expect(await exists('escape.jpg.txt')).toBe(false);
    expect((await stat(path.join(dataRoot, 'tricky/blocked.jpg.txt'))).isDirectory()).toBe(true);
  });

  it('fails a run whose folder leaves the data root', async () => {
    await symlink(path.join(base, 'outside'), path.join(dataRoot, 'escape-link'));
    // Stored configs are re-checked at sync time, even ones that bypassed the create checks.
    const dotted = await syncNow(await folderConnection('../outside'));
    expect(dotted).toMatchObject({
      status: 'FAILED',
      error: 'The folder path may not contain ".."',
    });
    const linked = await syncNow(await folderConnection('escape-link'));
    expect(linked).toMatchObject({
      status: 'FAILED',
      error: 'The folder is a link that leaves the data root',
    });
  });

  it('says clearly that uploads and URL lists have no writable source', async () => {
    for (const kind of ['UPLOAD', 'URL_LIST'] as const) {
      const connection = await db.dataConnection.create({
        data: { projectId, kind, name: kind, config: {} },
      });
      await expect(admin().sync.start({ connectionId: connection.id })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/Captionary cannot write to|no source to write back to/),
      });
    }
  });

  it('finishes after an interrupted run, cleaning up its temp files', async () => {
    await mkdir(path.join(dataRoot, 'resume'), { recursive: true });
    const connectionId = await folderConnection('resume');
    for (const name of ['r1.jpg', 'r2.jpg', 'r3.jpg']) {
      await setLabel(
        db,
        projectId,
        await addRow(db, projectId, connectionId, name),
        name,
        'APPROVED',
      );
    }
    const interrupted = await db.syncRun.create({ data: { projectId, connectionId } });
    const stop = new AbortController();
    await processSyncRun(
      { db, settings: importSettingsFromEnv() },
      { syncRunId: interrupted.id },
      stop.signal,
      () => stop.abort(),
    );
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: interrupted.id } })).toMatchObject({
      status: 'FAILED',
      error: INTERRUPTED_MESSAGE,
    });
    expect(await exists('resume/captions.jsonl')).toBe(false);
    // What a process killed between write and rename leaves behind.
    await writeFile(path.join(dataRoot, 'resume/.r2.jpg.txt.captionary-sync.tmp'), 'half');
    await writeFile(path.join(dataRoot, 'resume/.captions.jsonl.captionary-sync.tmp'), 'half');

    const rerun = await syncNow(connectionId);
    expect(rerun).toMatchObject({ status: 'SUCCEEDED', written: 1, unchanged: 3, error: null });
    expect(rerun.since).toBeNull();
    expect((await manifest('resume')).map((line) => line.file)).toEqual([
      'r1.jpg',
      'r2.jpg',
      'r3.jpg',
    ]);
    expect((await readdir(path.join(dataRoot, 'resume'))).sort()).toEqual([
      'captions.jsonl',
      'r1.jpg.txt',
      'r2.jpg.txt',
      'r3.jpg.txt',
    ]);
  });

  it('lets only admins start a sync, and only of their own team', async () => {
    const connectionId = await folderConnection('photos');
    await expect(
      callerFor(db, team.members.LABELER, team.teamId).sync.start({ connectionId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = await createTestTeam(db, ['ADMIN']);
    await expect(
      callerFor(db, other.members.ADMIN, other.teamId).sync.start({ connectionId }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
