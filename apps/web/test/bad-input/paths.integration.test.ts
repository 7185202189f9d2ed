// Path traversal through upload names, server-folder connections and folder sync.
import type { Db } from '@captionary/db';
import type { Worker } from 'bullmq';
import { mkdir, mkdtemp, readdir, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as importRoute } from '../../src/app/api/v1/projects/[projectId]/data-rows/route';
import { jpegBytes } from '../../src/server/services/imports/testing/image-fixtures';
import {
  stubImportEnv,
  type ImportTestEnv,
} from '../../src/server/services/imports/testing/import-test-env';
import {
  addRow,
  setLabel,
  startTestSyncWorker,
  waitForSyncRun,
} from '../../src/server/services/sync/testing/sync-fixtures';
import { callerFor, createTestTeam, testDb } from '../../src/server/testing/fixtures';
import {
  expectNoLeak,
  expectNoRowChanges,
  expectRestError,
  expectTrpcError,
  listFiles,
} from './expectations';
import { folderConnectionCases, syncTargetCases, uploadNameCases } from './paths.cases';

let db: Db;
let env: ImportTestEnv;
let syncWorker: Worker;
let base: string;
let dataRoot: string;
let outside: string;
let team: Awaited<ReturnType<typeof createTestTeam>>;
let projectId: string;
let adminKey: string;

beforeAll(async () => {
  db = testDb();
  base = await mkdtemp(path.join(tmpdir(), 'captionary-paths-'));
  dataRoot = path.join(base, 'root');
  outside = path.join(base, 'outside');
  await mkdir(path.join(dataRoot, 'photos'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await symlink(outside, path.join(dataRoot, 'escape-link'));
  // The synced folder: a directory where a sidecar belongs, and a subfolder linking outside.
  await mkdir(path.join(dataRoot, 'synced/blocked.jpg.txt'), { recursive: true });
  await symlink(outside, path.join(dataRoot, 'synced/linked'));
  env = await stubImportEnv({ DATA_ROOT: dataRoot });
  syncWorker = startTestSyncWorker(db, env.queuePrefix);
  team = await createTestTeam(db, ['OWNER', 'ADMIN']);
  const owner = callerFor(db, team.members.OWNER, team.teamId);
  projectId = (await owner.projects.create({ name: 'Paths' })).id;
  adminKey = (await owner.apiKeys.create({ name: 'upload', role: 'ADMIN' })).key;
});

afterAll(async () => {
  await syncWorker.close();
  vi.unstubAllEnvs();
  await db.$disconnect();
});

const admin = () => callerFor(db, team.members.ADMIN, team.teamId);

describe('upload names are text ids, never paths', () => {
  uploadNameCases.forEach((testCase, index) => {
    it(testCase.title, async () => {
      const form = new FormData();
      const bytes = await jpegBytes(9000 + index);
      form.append(
        'files',
        new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }),
        testCase.name,
      );
      const send = () =>
        importRoute(
          new Request(`http://localhost/api/v1/projects/${projectId}/data-rows`, {
            method: 'POST',
            headers: { authorization: `Bearer ${adminKey}` },
            body: form,
          }),
          { params: Promise.resolve({ projectId }) },
        );
      const filesBefore = await listFiles(env.storageDir);
      const { outcome } = testCase;
      if ('refused' in outcome) {
        await expectNoRowChanges(db, ['dataRow'], async () =>
          expectRestError(await send(), 400, 'INVALID_INPUT', outcome.refused, [adminKey]),
        );
        expect(await listFiles(env.storageDir)).toEqual(filesBefore);
        return;
      }
      expect(await (await send()).json()).toMatchObject({ created: 1, failed: [] });
      const row = await db.dataRow.findFirstOrThrow({
        where: { projectId },
        orderBy: { createdAt: 'desc' },
      });
      expect(row.externalId).toBe(outcome.externalId);
      // The only files written are the content-addressed original and thumbnail of the project.
      const added = (await listFiles(env.storageDir)).filter((f) => !filesBefore.includes(f));
      expect(added.sort()).toEqual([
        `projects/${projectId}/rows/${row.sha256}.jpg`,
        `projects/${projectId}/thumbs/${row.sha256}.webp`,
      ]);
      expect(await listFiles(path.dirname(env.storageDir))).not.toContainEqual(
        expect.stringMatching(/(^|\/)(x|win)\.jpg$/),
      );
    });
  });
});

describe('server-folder connections stay below DATA_ROOT', () => {
  for (const testCase of folderConnectionCases) {
    it(testCase.title, async () => {
      await expectNoRowChanges(db, ['dataConnection'], () =>
        expectTrpcError(
          admin().dataConnections.create({
            projectId,
            kind: 'SERVER_FOLDER',
            name: 'folder',
            path: testCase.path,
          }),
          'BAD_REQUEST',
          testCase.error,
        ),
      );
    });
  }
});

describe('folder sync writes only inside the folder root', () => {
  for (const testCase of syncTargetCases) {
    it(testCase.title, async () => {
      // Written as the folder's own import would have found it: a row per image path.
      const connection = await db.dataConnection.create({
        data: { projectId, kind: 'SERVER_FOLDER', name: 'synced', config: { path: 'synced' } },
      });
      const rowId = await addRow(db, projectId, connection.id, testCase.imagePath);
      await setLabel(db, projectId, rowId, 'a caption that must not land', 'APPROVED');
      const started = await admin().sync.start({ connectionId: connection.id });
      const run = await waitForSyncRun(db, started.id);
      expect(run.status).toBe('SUCCEEDED');
      expect(run.error).toMatch(/^1 file could not be synced/);
      expect(run.error).toMatch(testCase.error);
      expectNoLeak(run.error ?? '');
      expect(await readdir(outside)).toEqual([]);
      expect(await readdir(base)).toEqual(['outside', 'root']);
      expect((await stat(path.join(dataRoot, 'synced/blocked.jpg.txt'))).isDirectory()).toBe(true);
    });
  }
});
