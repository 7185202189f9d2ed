import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import type { Db } from '@captionary/db';
import type { Worker } from 'bullmq';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callerFor, createTestTeam, testDb } from '../../testing/fixtures';
import { encryptSecrets } from '../imports/connection-secrets';
import { importSettingsFromEnv } from '../imports/import-settings';
import {
  addRow,
  setLabel,
  startTestSyncWorker,
  stubSyncEnv,
  waitForSyncRun,
} from './testing/sync-fixtures';

// s3rver checks request signatures against its one built-in key pair.
const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let db: Db;
let worker: Worker;
let s3rver: S3rver;
let port: number;
let s3: S3Client;
let team: Awaited<ReturnType<typeof createTestTeam>>;
let projectId: string;

beforeAll(async () => {
  db = testDb();
  const base = await mkdtemp(path.join(tmpdir(), 'captionary-sync-s3-'));
  s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(base, 's3'),
    configureBuckets: [{ name: 'dataset', configs: [] }],
  });
  port = ((await s3rver.run()) as AddressInfo).port;
  s3 = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3_CREDENTIALS,
  });
  const { queuePrefix } = stubSyncEnv({ IMPORT_ALLOW_HOSTS: `127.0.0.1:${port}` });
  worker = startTestSyncWorker(db, queuePrefix);
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

async function bucketConnection(endpoint = `http://127.0.0.1:${port}`): Promise<string> {
  const connection = await db.dataConnection.create({
    data: {
      projectId,
      kind: 'S3',
      name: 'Bucket',
      config: { endpoint, bucket: 'dataset', prefix: 'train/', region: 'us-east-1' },
      secretsEncrypted: encryptSecrets(importSettingsFromEnv().encryptionKey!, S3_CREDENTIALS),
    },
  });
  return connection.id;
}

async function syncNow(connectionId: string) {
  return waitForSyncRun(db, (await admin().sync.start({ connectionId })).id);
}

async function keysUnder(prefix: string): Promise<string[]> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: 'dataset', Prefix: prefix }));
  return (page.Contents ?? []).map((object) => object.Key!).sort();
}

async function text(key: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: 'dataset', Key: key }));
  return object.Body!.transformToString();
}

describe('sync to an S3 bucket', () => {
  it('puts sidecars and a manifest under the sync prefix, skips unchanged objects, deletes', async () => {
    const connectionId = await bucketConnection();
    const cat = await addRow(db, projectId, connectionId, 'train/cat.jpg');
    const dog = await addRow(db, projectId, connectionId, 'train/dog.jpg');
    const owl = await addRow(db, projectId, connectionId, 'train/owl.jpg');
    await setLabel(db, projectId, cat, 'a cat', 'APPROVED');
    await setLabel(db, projectId, dog, 'a dog', 'APPROVED');
    await setLabel(db, projectId, owl, 'an owl', 'DRAFT');

    const first = await syncNow(connectionId);
    expect(first).toMatchObject({ status: 'SUCCEEDED', written: 3, removed: 0, error: null });
    expect(await keysUnder('captions/')).toEqual([
      'captions/captions.jsonl',
      'captions/train/cat.jpg.txt',
      'captions/train/dog.jpg.txt',
    ]);
    expect(await text('captions/train/cat.jpg.txt')).toBe('a cat\n');
    const lines = (await text('captions/captions.jsonl'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { file: 'train/cat.jpg', caption: 'a cat', updated_at: expect.any(String) },
      { file: 'train/dog.jpg', caption: 'a dog', updated_at: expect.any(String) },
    ]);
    const etag = async (key: string) =>
      (await s3.send(new HeadObjectCommand({ Bucket: 'dataset', Key: key }))).LastModified;
    const before = await etag('captions/captions.jsonl');

    const rerun = await syncNow(connectionId);
    expect(rerun).toMatchObject({ status: 'SUCCEEDED', written: 0, removed: 0, unchanged: 3 });
    expect(await etag('captions/captions.jsonl')).toEqual(before);

    await setLabel(db, projectId, dog, 'a dog', 'REJECTED');
    await db.dataRow.update({ where: { id: cat }, data: { removedAt: new Date() } });
    await setLabel(db, projectId, owl, 'an owl', 'APPROVED');
    const third = await syncNow(connectionId);
    expect(third).toMatchObject({ status: 'SUCCEEDED', written: 2, removed: 2 });
    expect(await keysUnder('captions/')).toEqual([
      'captions/captions.jsonl',
      'captions/train/owl.jpg.txt',
    ]);
    // Images themselves are never touched.
    expect(await keysUnder('train/')).toEqual([]);
  });

  it('uses a configured prefix and refuses prefixes that climb out', async () => {
    const connectionId = await bucketConnection();
    await setLabel(
      db,
      projectId,
      await addRow(db, projectId, connectionId, 'train/fox.jpg'),
      'a fox',
      'APPROVED',
    );
    await expect(
      admin().sync.setS3Prefix({ connectionId, syncPrefix: '../elsewhere' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await admin().sync.setS3Prefix({ connectionId, syncPrefix: 'labels/v1' });
    const run = await syncNow(connectionId);
    expect(run).toMatchObject({ status: 'SUCCEEDED', written: 2 });
    expect(await keysUnder('labels/')).toEqual([
      'labels/v1/captions.jsonl',
      'labels/v1/train/fox.jpg.txt',
    ]);
    const [view] = (await admin().sync.connections({ projectId })).filter(
      (c) => c.id === connectionId,
    );
    expect(view?.destination).toBe('s3://dataset/labels/v1/');
  });

  it('refuses an endpoint on a private address that is not allow-listed', async () => {
    // 127.0.0.2 is loopback too, but only 127.0.0.1:<port> is on the allow-list.
    const run = await syncNow(await bucketConnection(`http://127.0.0.2:${port}`));
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(
      /^S3 endpoint refused: .*private or reserved address \(127\.0\.0\.2\)/,
    );
  });
});
