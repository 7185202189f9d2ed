import { ObjectStorage, type Db } from '@captionary/db';
import { JsonlRow, LabelboxNdjsonRow } from '@captionary/shared';
import type { Worker } from 'bullmq';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callerFor, createTestTeam, testDb } from '../../testing/fixtures';
import { storedExportResponse } from './export-download';
import {
  EXPORT_RETENTION_SWEEP_JOB,
  getExportQueue,
  scheduleExportRetentionSweep,
} from './export-queue';
import { expireExportFiles } from './export-retention';
import { createExportWorker } from './export-worker';
import { approveCaption, createCaptionedProject, submitCaption } from './testing/export-fixtures';
import { stubExportEnv, type ExportTestEnv } from './testing/export-test-env';

let db: Db;
let env: ExportTestEnv;
let worker: Worker;
let team: Awaited<ReturnType<typeof createTestTeam>>;
let projectId: string;
const retention = { retentionDays: 7 };
const DAY_MS = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  env = await stubExportEnv();
  db = testDb();
  worker = createExportWorker({
    db,
    databaseUrl: env.databaseUrl,
    storage: new ObjectStorage(env.storageDir),
    retention,
    redisUrl: env.redisUrl,
    prefix: env.queuePrefix,
    concurrency: 1,
  });
  team = await createTestTeam(db);
  const people = { labelerId: team.members.LABELER.id, reviewerId: team.members.REVIEWER.id };
  const project = await createCaptionedProject(db, team.teamId, 7);
  projectId = project.projectId;
  for (const row of project.rows.slice(0, 6)) {
    await approveCaption(
      db,
      await submitCaption(db, row, people, `final ${row.externalId}`),
      people.reviewerId,
    );
  }
});

afterAll(async () => {
  await worker.close();
  await getExportQueue().obliterate({ force: true });
  await getExportQueue().close();
  vi.unstubAllEnvs();
  await db.$disconnect();
});

async function waitForExport(exportId: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const record = await db.export.findUniqueOrThrow({ where: { id: exportId } });
    if (record.status === 'SUCCEEDED' || record.status === 'FAILED') return record;
    if (Date.now() > deadline) throw new Error(`export still ${record.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function download(exportId: string, teamId = team.teamId) {
  return storedExportResponse(
    { db, storage: new ObjectStorage(env.storageDir), retention },
    { teamId, role: 'REVIEWER', exportId },
  );
}

describe('background exports', () => {
  it('writes the file in the background, lists it, and serves it again', async () => {
    const reviewer = callerFor(db, team.members.REVIEWER, team.teamId);
    const started = await reviewer.exports.start({ projectId, format: 'labelbox-ndjson' });
    expect(started.status).toBe('QUEUED');
    const record = await waitForExport(started.id);
    expect(record).toMatchObject({
      status: 'SUCCEEDED',
      rowCount: 6,
      createdById: team.members.REVIEWER.id,
    });

    const history = await reviewer.exports.list({ projectId });
    expect(history.exports[0]).toMatchObject({ id: started.id, downloadable: true, rowCount: 6 });

    const plain = await download(started.id);
    expect(plain.headers.get('content-disposition')).toMatch(
      /labelbox-ndjson-\d{8}-\d{6}\.ndjson"$/,
    );
    const text = await plain.text();
    expect(Buffer.byteLength(text)).toBe(Number(record.byteSize));
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => LabelboxNdjsonRow.parse(JSON.parse(line)));
    expect(
      lines.map(
        (line) =>
          line.projects[projectId]!.labels[0]!.annotations.classifications[0]!.text_answer.content,
      ),
    ).toEqual(expect.arrayContaining(['final img-000.jpg', 'final img-005.jpg']));

    // Stored gzipped; served inflated (the web server compresses for clients that accept it).
    expect(record.storageKey).toMatch(
      new RegExp(`^exports/${projectId}/${started.id}\\.ndjson\\.gz$`),
    );
    const stored = await readFile(path.join(env.storageDir, record.storageKey!));
    expect(gunzipSync(stored).toString('utf8')).toBe(text);
  });

  it('applies the filters it was started with', async () => {
    const reviewer = callerFor(db, team.members.REVIEWER, team.teamId);
    const started = await reviewer.exports.start({
      projectId,
      format: 'jsonl',
      filters: { status: ['DRAFT'] },
    });
    expect(await waitForExport(started.id)).toMatchObject({ status: 'SUCCEEDED', rowCount: 1 });
    const line = JsonlRow.parse(JSON.parse(await (await download(started.id)).text()));
    expect(line.edit_distance).toBe(0);
  });

  it('refuses labelers, other teams, and unknown filter fields', async () => {
    const labeler = callerFor(db, team.members.LABELER, team.teamId);
    await expect(labeler.exports.start({ projectId, format: 'jsonl' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const other = await createTestTeam(db, ['OWNER']);
    const stranger = callerFor(db, other.members.OWNER, other.teamId);
    await expect(stranger.exports.start({ projectId, format: 'jsonl' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const reviewer = callerFor(db, team.members.REVIEWER, team.teamId);
    await expect(
      reviewer.exports.start({
        projectId,
        format: 'jsonl',
        // @ts-expect-error: a field the filters do not have, as a crafted request would send it
        filters: { caption: 'x' },
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const mine = (await reviewer.exports.list({ projectId })).exports[0]!;
    await expect(download(mine.id, other.teamId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('deletes files past the retention, keeps the record as expired, and answers 410', async () => {
    const reviewer = callerFor(db, team.members.REVIEWER, team.teamId);
    const old = await reviewer.exports.start({ projectId, format: 'jsonl' });
    const fresh = await reviewer.exports.start({ projectId, format: 'jsonl' });
    const oldFile = path.join(env.storageDir, (await waitForExport(old.id)).storageKey!);
    await waitForExport(fresh.id);
    // Finished eight days ago: one day past the seven-day retention.
    await db.export.update({
      where: { id: old.id },
      data: { finishedAt: new Date(Date.now() - 8 * DAY_MS) },
    });

    // The sweep runs on the exports worker, as its hourly schedule starts it.
    await scheduleExportRetentionSweep(getExportQueue());
    expect(await getExportQueue().getJobScheduler(EXPORT_RETENTION_SWEEP_JOB)).toMatchObject({
      every: 60 * 60 * 1000,
    });
    await getExportQueue().add(EXPORT_RETENTION_SWEEP_JOB, undefined as never);
    const deadline = Date.now() + 30_000;
    while ((await db.export.findUniqueOrThrow({ where: { id: old.id } })).storageKey !== null) {
      if (Date.now() > deadline) throw new Error('the retention sweep did not run');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    await expect(access(oldFile)).rejects.toMatchObject({ code: 'ENOENT' });
    const history = (await reviewer.exports.list({ projectId })).exports;
    expect(history.find((entry) => entry.id === old.id)).toMatchObject({
      status: 'SUCCEEDED',
      downloadable: false,
      expiredAt: expect.any(Date),
    });
    expect(history.find((entry) => entry.id === fresh.id)).toMatchObject({
      downloadable: true,
      expiredAt: null,
    });
    await expect(download(old.id)).rejects.toMatchObject({
      code: 'GONE',
      message: expect.stringMatching(/kept for 7 days\. Start a new export/),
    });
    expect((await download(fresh.id)).status).toBe(200);
  });

  it('finishes a deletion that an interrupted sweep left behind', async () => {
    const reviewer = callerFor(db, team.members.REVIEWER, team.teamId);
    const started = await reviewer.exports.start({ projectId, format: 'coco-captions' });
    const key = (await waitForExport(started.id)).storageKey!;
    // Marked expired, but the process stopped before the file was deleted.
    await db.export.update({ where: { id: started.id }, data: { expiredAt: new Date() } });
    const storage = new ObjectStorage(env.storageDir);
    expect(await expireExportFiles({ db, storage }, retention)).toBe(1);
    await expect(access(storage.pathOf(key))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await db.export.findUniqueOrThrow({ where: { id: started.id } })).toMatchObject({
      storageKey: null,
    });
    expect(await expireExportFiles({ db, storage }, retention)).toBe(0);
  });
});
