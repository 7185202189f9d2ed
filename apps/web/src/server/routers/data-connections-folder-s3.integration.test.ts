import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Db } from '@captionary/db';
import type { Worker } from 'bullmq';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HTML_PAGE, jpegBytes } from '../services/imports/testing/image-fixtures';
import {
  startTestImportWorker,
  stubImportEnv,
  waitForImportRun,
  type ImportTestEnv,
} from '../services/imports/testing/import-test-env';
import { callerFor, createTestTeam, testDb } from '../testing/fixtures';

// s3rver checks request signatures against its one built-in key pair.
const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let db: Db;
let env: ImportTestEnv;
let worker: Worker;
let dataRoot: string;
let s3rver: S3rver;
let s3Endpoint: string;
let s3: S3Client;
let team: Awaited<ReturnType<typeof createTestTeam>>;
let projectId: string;

beforeAll(async () => {
  db = testDb();
  const base = await mkdtemp(path.join(tmpdir(), 'captionary-data-'));
  dataRoot = path.join(base, 'root');
  await mkdir(path.join(dataRoot, 'photos/2024'), { recursive: true });
  await writeFile(path.join(dataRoot, 'photos/a.jpg'), await jpegBytes(1));
  await writeFile(path.join(dataRoot, 'photos/2024/b.jpg'), await jpegBytes(2));
  await writeFile(path.join(dataRoot, 'photos/2024/fake.png'), HTML_PAGE);
  await writeFile(path.join(base, 'secret.jpg'), await jpegBytes(3));
  await symlink(path.join(base, 'secret.jpg'), path.join(dataRoot, 'photos/leak.jpg'));

  s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(base, 's3'),
    configureBuckets: [{ name: 'dataset', configs: [] }],
  });
  const address = (await s3rver.run()) as AddressInfo;
  s3Endpoint = `http://127.0.0.1:${address.port}`;
  s3 = new S3Client({
    endpoint: s3Endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3_CREDENTIALS,
  });
  for (const [key, body] of [
    ['train/cat.jpg', await jpegBytes(10)],
    ['train/dog.jpg', await jpegBytes(11)],
    ['train/readme.txt', Buffer.from('not listed')],
    ['other/skip.jpg', await jpegBytes(12)],
  ] as const) {
    await s3.send(new PutObjectCommand({ Bucket: 'dataset', Key: key, Body: body }));
  }

  env = await stubImportEnv({
    DATA_ROOT: dataRoot,
    IMPORT_ALLOW_HOSTS: `127.0.0.1:${address.port}`,
  });
  worker = startTestImportWorker(db, env);
  team = await createTestTeam(db, ['OWNER', 'ADMIN']);
  projectId = (await callerFor(db, team.members.OWNER, team.teamId).projects.create({ name: 'P' }))
    .id;
});

afterAll(async () => {
  await worker.close();
  s3.destroy();
  await s3rver.close();
  vi.unstubAllEnvs();
  await db.$disconnect();
});

const admin = () => callerFor(db, team.members.ADMIN, team.teamId);

describe('server folder connections', () => {
  it('refuses paths that leave DATA_ROOT', async () => {
    for (const badPath of ['../', '/etc', 'photos/../../x', 'a\0b', 'nope']) {
      await expect(
        admin().dataConnections.create({
          projectId,
          kind: 'SERVER_FOLDER',
          name: 'x',
          path: badPath,
        }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
  });

  it('imports image files recursively, refusing links out of the root; re-sync sees changes', async () => {
    const { connection, firstRun } = await admin().dataConnections.create({
      projectId,
      kind: 'SERVER_FOLDER',
      name: 'Photos',
      path: 'photos',
    });
    const run = await waitForImportRun(db, firstRun!.id);
    expect(run).toMatchObject({ status: 'SUCCEEDED', totalItems: 4, created: 2, failed: 2 });
    expect(run.failures).toEqual(
      expect.arrayContaining([
        { input: 'photos/leak.jpg', error: 'The file is a link that leaves the data root' },
        { input: 'photos/2024/fake.png', error: 'Not an image: the content is HTML or XML' },
      ]),
    );

    await writeFile(path.join(dataRoot, 'photos/a.jpg'), await jpegBytes(50));
    await rm(path.join(dataRoot, 'photos/2024/b.jpg'));
    await writeFile(path.join(dataRoot, 'photos/2024/c.jpg'), await jpegBytes(51));
    const resync = await admin().dataConnections.resync({ connectionId: connection.id });
    expect(await waitForImportRun(db, resync.id)).toMatchObject({
      created: 1,
      changed: 1,
      removed: 1,
      failed: 2,
    });
  });
});

describe('S3 connections', () => {
  it('stores credentials encrypted and never returns them', async () => {
    const { connection, firstRun } = await admin().dataConnections.create({
      projectId,
      kind: 'S3',
      name: 'Bucket',
      endpoint: s3Endpoint,
      bucket: 'dataset',
      prefix: 'train/',
      region: 'us-east-1',
      ...S3_CREDENTIALS,
    });
    expect(JSON.stringify(connection)).not.toContain('S3RVER');
    expect(connection).toMatchObject({ hasCredentials: true, settings: { bucket: 'dataset' } });
    const stored = await db.dataConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(stored.secretsEncrypted).toMatch(/^v1\./);
    expect(stored.secretsEncrypted).not.toContain('S3RVER');
    expect(JSON.stringify(stored.config)).not.toContain('S3RVER');

    const run = await waitForImportRun(db, firstRun!.id);
    expect(run).toMatchObject({ status: 'SUCCEEDED', totalItems: 2, created: 2, failed: 0 });
    const rows = await db.dataRow.findMany({ where: { connectionId: connection.id } });
    expect(rows.map((row) => row.sourceUri).sort()).toEqual([
      's3://dataset/train/cat.jpg',
      's3://dataset/train/dog.jpg',
    ]);

    await s3.send(new DeleteObjectCommand({ Bucket: 'dataset', Key: 'train/dog.jpg' }));
    await s3.send(
      new PutObjectCommand({ Bucket: 'dataset', Key: 'train/bird.jpg', Body: await jpegBytes(13) }),
    );
    const resync = await admin().dataConnections.resync({ connectionId: connection.id });
    expect(await waitForImportRun(db, resync.id)).toMatchObject({
      created: 1,
      skipped: 1,
      removed: 1,
    });
  });

  it('refuses endpoints on private addresses unless allow-listed', async () => {
    for (const endpoint of ['http://10.0.0.5:9000', 'http://127.0.0.2:9000', 'http://[::1]:9000']) {
      await expect(
        admin().dataConnections.create({
          projectId,
          kind: 'S3',
          name: 'Private',
          endpoint,
          bucket: 'dataset',
          prefix: '',
          region: 'us-east-1',
          ...S3_CREDENTIALS,
        }),
      ).rejects.toThrow(/S3 endpoint refused: .* private or reserved/);
    }
  });
});
