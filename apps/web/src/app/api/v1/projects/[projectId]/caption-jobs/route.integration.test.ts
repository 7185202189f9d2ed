// The caption-job REST API end to end: a script's API key launches a job, a real inference
// worker (child process, tiny model) captions the images, and the script reads status, cancels
// and retries failures. Roles, team isolation and bad input are checked on the same routes.
import { ObjectStorage, type Db } from '@captionary/db';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getCaptionQueue } from '../../../../../../server/queue';
import { getRedis } from '../../../../../../server/redis';
import {
  createProjectWithRows,
  type SeededRow,
} from '../../../../../../server/testing/caption-fixtures';
import { callerFor, createTestTeam, testDb } from '../../../../../../server/testing/fixtures';
import {
  startInferenceWorker,
  type RunningWorker,
} from '../../../../../../server/testing/inference-worker';
import { POST as cancelRoute } from '../../../caption-jobs/[jobId]/cancel/route';
import { POST as retryRoute } from '../../../caption-jobs/[jobId]/retry-failed/route';
import { GET as jobRoute } from '../../../caption-jobs/[jobId]/route';
import { GET as listRoute, POST as launchRoute } from './route';

const queuePrefix = `test-${randomUUID()}`;
const storageDir = mkdtempSync(path.join(tmpdir(), 'captionary-rest-jobs-'));
let db: Db;
let worker: RunningWorker;
let projectId: string;
let rows: SeededRow[];
let keys: Record<'owner' | 'admin' | 'reviewer' | 'labeler' | 'outsider', string>;
let foreignProjectId: string;

beforeAll(async () => {
  vi.stubEnv('QUEUE_PREFIX', queuePrefix);
  vi.stubEnv('STORAGE_DIR', storageDir);
  db = testDb();
  const team = await createTestTeam(db);
  const owner = callerFor(db, team.members.OWNER, team.teamId);
  const key = async (role: 'OWNER' | 'ADMIN' | 'REVIEWER' | 'LABELER') =>
    (await owner.apiKeys.create({ name: role, role })).key;
  const other = await createTestTeam(db, ['OWNER']);
  const otherOwner = callerFor(db, other.members.OWNER, other.teamId);
  keys = {
    owner: await key('OWNER'),
    admin: await key('ADMIN'),
    reviewer: await key('REVIEWER'),
    labeler: await key('LABELER'),
    outsider: (await otherOwner.apiKeys.create({ name: 'theirs', role: 'OWNER' })).key,
  };
  ({ projectId: foreignProjectId } = await createProjectWithRows(db, other.teamId, 1));
  // Six images; img-004 is stored as bytes that are not an image.
  ({ projectId, rows } = await createProjectWithRows(db, team.teamId, 6, {
    storage: new ObjectStorage(storageDir),
    broken: [4],
  }));
  worker = await startInferenceWorker({
    databaseUrl: process.env.DATABASE_URL!,
    redisUrl: process.env.REDIS_URL!,
    storageDir,
    queuePrefix,
  });
});

afterAll(async () => {
  await worker?.stop();
  const queue = getCaptionQueue();
  await queue.obliterate({ force: true }).catch(() => {});
  await queue.close();
  getRedis().disconnect();
  vi.unstubAllEnvs();
  await db?.$disconnect();
  rmSync(storageDir, { recursive: true, force: true });
});

function call(
  handler: (request: Request, context: { params: Promise<never> }) => Promise<Response>,
  params: Record<string, string>,
  key: string | null,
  init: { method?: string; body?: unknown } = {},
) {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (key) headers.set('authorization', `Bearer ${key}`);
  const request = new Request('http://localhost:3000/api/v1/test', {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return handler(request, { params: Promise.resolve(params) as Promise<never> });
}

const launch = (key: string | null, body: unknown, project = projectId) =>
  call(launchRoute, { projectId: project }, key, { method: 'POST', body });
const readJob = (jobId: string, key = keys.labeler) => call(jobRoute, { jobId }, key);

async function waitForEnd(jobId: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { job } = await (await readJob(jobId)).json();
    if (['COMPLETED', 'CANCELLED', 'FAILED'].includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job still ${job.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('POST /api/v1/projects/:projectId/caption-jobs', () => {
  it('refuses missing keys (401) and labeler or reviewer keys (403)', async () => {
    expect((await launch(null, { all: true })).status).toBe(401);
    for (const key of [keys.labeler, keys.reviewer]) {
      const response = await launch(key, { all: true });
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe('FORBIDDEN');
    }
  });

  it("answers 404 for another team's project and for a malformed id", async () => {
    expect((await launch(keys.admin, { all: true }, foreignProjectId)).status).toBe(404);
    expect((await launch(keys.admin, { all: true }, 'nope')).status).toBe(404);
    expect((await launch(keys.outsider, { all: true })).status).toBe(404);
  });

  it('answers 400 to invalid params, ambiguous selections and unknown models', async () => {
    for (const body of [
      { all: true, params: { numBeams: 9 } },
      { all: true, params: { prompt: 'p'.repeat(501) } },
      { all: true, params: { maxNewTokens: 0 } },
      { all: true, rowIds: [rows[0]!.id] },
      {},
      { rowIds: ['not-a-uuid'] },
      { all: true, model: 'no-such-model' },
      { all: true, surprise: 1 },
    ]) {
      const response = await launch(keys.admin, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error.code).toBe('INVALID_INPUT');
    }
    const beams = await launch(keys.admin, { all: true, params: { numBeams: 9 } });
    expect((await beams.json()).error.message).toMatch(/params/);
  });

  it('runs a job through a real worker: predictions, pre-labels, a failure with a reason', async () => {
    const response = await launch(keys.admin, {
      all: true,
      params: { maxNewTokens: 8, numBeams: 1 },
    });
    expect(response.status).toBe(201);
    const { job } = await response.json();
    expect(job).toMatchObject({
      projectId,
      modelName: worker.modelName,
      params: { maxNewTokens: 8, numBeams: 1, minNewTokens: 0 },
      createdBy: null,
      progress: { counts: { total: 6, skipped: 0 } },
    });
    // The answer is read after the batches are queued: the running worker may have taken one.
    expect(['QUEUED', 'RUNNING']).toContain(job.status);

    const ended = await waitForEnd(job.id);
    expect(ended).toMatchObject({
      status: 'COMPLETED',
      modelVersion: { name: worker.modelName, tiny: true },
      progress: { counts: { total: 6, done: 5, failed: 1, pending: 0 }, etaSeconds: null },
    });
    expect(ended.progress.rate).toBeGreaterThan(0);

    const predictions = await db.prediction.findMany({ where: { jobId: job.id } });
    expect(predictions).toHaveLength(5);
    const labels = await db.label.findMany({
      where: { projectId },
      include: { revisions: true, dataRow: { include: { workItem: true } } },
    });
    expect(labels).toHaveLength(5);
    for (const label of labels) {
      expect(label).toMatchObject({ status: 'DRAFT', createdById: null });
      expect(predictions.map((p) => p.id)).toContain(label.sourcePredictionId);
      expect(label.revisions.map((r) => r.action)).toEqual(['PRELABEL']);
      expect(label.dataRow.workItem?.stepId).toBe('label');
    }
    const failed = await db.captionJobRow.findFirstOrThrow({
      where: { jobId: job.id, status: 'FAILED' },
    });
    expect(failed.dataRowId).toBe(rows[4]!.id);
    expect(failed.error).toMatch(/undecodable|unsupported/);

    // Same model, same params: every captioned row is skipped, the broken one runs again.
    const again = await (
      await launch(keys.admin, { all: true, params: { maxNewTokens: 8 } })
    ).json();
    expect(again.job.progress.counts).toMatchObject({ total: 1, skipped: 5 });
    await waitForEnd(again.job.id);

    // Retry only the failed row: it fails again, nothing else runs.
    const retried = await call(retryRoute, { jobId: job.id }, keys.admin, { method: 'POST' });
    expect(retried.status).toBe(200);
    expect((await retried.json()).job).toMatchObject({ status: 'RUNNING' });
    expect(await waitForEnd(job.id)).toMatchObject({
      status: 'COMPLETED',
      progress: { counts: { done: 5, failed: 1 } },
    });
    expect(await db.prediction.count({ where: { jobId: job.id } })).toBe(5);

    const listed = await (await call(listRoute, { projectId }, keys.labeler)).json();
    expect(listed.jobs.map((j: { id: string }) => j.id)).toContain(job.id);
  });

  it('cancels a queued job: no batch runs afterwards, and a second cancel is 409', async () => {
    // Paused, the worker takes no batch, so the cancel surely lands before the job starts.
    const queue = getCaptionQueue();
    await queue.pause();
    try {
      const { job } = await (
        await launch(keys.owner, { all: true, force: true, params: { maxNewTokens: 4 } })
      ).json();
      const cancelled = await call(cancelRoute, { jobId: job.id }, keys.admin, { method: 'POST' });
      expect(cancelled.status).toBe(200);
      expect((await cancelled.json()).job).toMatchObject({
        status: 'CANCELLED',
        progress: { counts: { total: 6, done: 0 }, etaSeconds: null },
      });
      await queue.resume();
      // The worker now receives the batch and drops it, since its job is cancelled.
      const batch = await db.captionJobBatch.findFirstOrThrow({ where: { jobId: job.id } });
      const deadline = Date.now() + 20_000;
      while (!(await (await queue.getJob(batch.id))?.isCompleted())) {
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(batch.status).toBe('CANCELLED');
      expect(await db.prediction.count({ where: { jobId: job.id } })).toBe(0);
      const again = await call(cancelRoute, { jobId: job.id }, keys.admin, { method: 'POST' });
      expect(again.status).toBe(409);
    } finally {
      await queue.resume();
    }
  });
});

describe('/api/v1/caption-jobs/:jobId', () => {
  it("answers 404 for another team's job and malformed ids, 403 to a labeler's cancel", async () => {
    const { job } = await (await launch(keys.admin, { rowIds: [rows[0]!.id], force: true })).json();
    expect((await readJob(job.id, keys.outsider)).status).toBe(404);
    expect((await readJob('not-a-uuid')).status).toBe(404);
    for (const route of [cancelRoute, retryRoute]) {
      expect((await call(route, { jobId: job.id }, keys.outsider, { method: 'POST' })).status).toBe(
        404,
      );
      expect((await call(route, { jobId: job.id }, keys.labeler, { method: 'POST' })).status).toBe(
        403,
      );
    }
    await waitForEnd(job.id);
  });
});
