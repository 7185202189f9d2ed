// Launching and controlling caption jobs through tRPC, against the real database and Redis (no
// worker runs here: the queue is inspected directly under a prefix of this test's own).
import type { Db } from '@captionary/db';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getCaptionQueue } from '../queue';
import { getRedis } from '../redis';
import {
  createModelVersion,
  createProjectWithRows,
  seedPredictions,
  type SeededRow,
} from '../testing/caption-fixtures';
import { callerFor, createTestTeam, testDb, type TestUser } from '../testing/fixtures';

let db: Db;
let teamId: string;
let members: Record<'OWNER' | 'ADMIN' | 'REVIEWER' | 'LABELER', TestUser>;
let projectId: string;
let rows: SeededRow[];
let modelName: string;

beforeAll(async () => {
  vi.stubEnv('QUEUE_PREFIX', `test-${randomUUID()}`);
  db = testDb();
  const team = await createTestTeam(db);
  teamId = team.teamId;
  members = team.members;
  ({ projectId, rows } = await createProjectWithRows(db, teamId, 20));
  const model = await createModelVersion(db);
  modelName = model.name;
  // Rows 0-4 already have this model's caption with the default params.
  await seedPredictions(db, projectId, model, rows.slice(0, 5));
});
afterAll(async () => {
  const queue = getCaptionQueue();
  await queue.obliterate({ force: true });
  await queue.close();
  getRedis().disconnect();
  vi.unstubAllEnvs();
  await db.$disconnect();
});

const admin = () => callerFor(db, members.ADMIN, teamId);
const launchInput = (overrides: object = {}) => ({
  projectId,
  selection: { kind: 'all' as const },
  modelName,
  params: { maxNewTokens: 20, numBeams: 1 },
  ...overrides,
});

describe('captionJobs.preview and launch', () => {
  it('counts exactly the rows the launch then plans, skipping already-captioned rows', async () => {
    const defaults = { maxNewTokens: 30, numBeams: 1, minNewTokens: 0 };
    for (const [input, expected] of [
      [{ params: defaults }, { selected: 20, skipped: 5, willRun: 15 }],
      [
        { params: defaults, force: true },
        { selected: 20, skipped: 0, willRun: 20 },
      ],
      [
        { params: defaults, selection: { kind: 'rows', rowIds: [rows[0]!.id, rows[9]!.id] } },
        { selected: 2, skipped: 1, willRun: 1 },
      ],
      [
        { params: defaults, selection: { kind: 'filter', filter: { hasPrelabel: false } } },
        { selected: 15, skipped: 0, willRun: 15 },
      ],
    ] as const) {
      const preview = await admin().captionJobs.preview(launchInput(input));
      expect(preview).toEqual(expected);
      const job = await admin().captionJobs.launch(launchInput(input));
      expect(job.progress.counts.total).toBe(preview.willRun);
      expect(job.progress.counts.skipped).toBe(preview.skipped);
      await admin().captionJobs.cancel({ jobId: job.id });
    }
  });

  it('plans, enqueues one batch per 16 rows, and reports a queued job', async () => {
    const job = await admin().captionJobs.launch(launchInput());
    expect(job).toMatchObject({
      status: 'QUEUED',
      modelName,
      modelVersion: null,
      params: { maxNewTokens: 20, numBeams: 1, minNewTokens: 0 },
      createdBy: { id: members.ADMIN.id },
      progress: { counts: { total: 20, done: 0, failed: 0, skipped: 0, pending: 20 } },
    });
    const batches = await db.captionJobBatch.findMany({ where: { jobId: job.id } });
    expect(batches).toHaveLength(2);
    const queued = await getCaptionQueue().getJobs(['waiting', 'prioritized', 'delayed']);
    expect(
      queued
        .filter((q) => q.data.jobId === job.id)
        .map((q) => q.id)
        .sort(),
    ).toEqual(batches.map((b) => b.id).sort());
    const listed = await callerFor(db, members.LABELER, teamId).captionJobs.list({ projectId });
    expect(listed.jobs[0]?.id).toBe(job.id);
    await admin().captionJobs.cancel({ jobId: job.id });
  });

  it('refuses invalid params, an unknown model and an empty selection', async () => {
    await expect(
      admin().captionJobs.launch(launchInput({ params: { numBeams: 9 } })),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      admin().captionJobs.launch(launchInput({ params: { prompt: 'x'.repeat(501) } })),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      admin().captionJobs.launch(launchInput({ params: { minNewTokens: 10, maxNewTokens: 5 } })),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      admin().captionJobs.launch(launchInput({ modelName: 'no-such-model' })),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      admin().captionJobs.launch(
        launchInput({ selection: { kind: 'filter', filter: { text: 'nothing says this' } } }),
      ),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('lets only admins and owners launch, cancel or retry', async () => {
    const job = await callerFor(db, members.OWNER, teamId).captionJobs.launch(launchInput());
    for (const role of ['LABELER', 'REVIEWER'] as const) {
      const caller = callerFor(db, members[role], teamId);
      await expect(caller.captionJobs.launch(launchInput())).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(caller.captionJobs.preview(launchInput())).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(caller.captionJobs.cancel({ jobId: job.id })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(caller.captionJobs.retryFailed({ jobId: job.id })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      // Reading a job is for every member.
      expect((await caller.captionJobs.get({ jobId: job.id })).id).toBe(job.id);
    }
    await admin().captionJobs.cancel({ jobId: job.id });
  });

  it("answers NOT_FOUND for another team's project and jobs", async () => {
    const job = await admin().captionJobs.launch(launchInput());
    const other = await createTestTeam(db, ['OWNER']);
    const outsider = callerFor(db, other.members.OWNER, other.teamId);
    await expect(outsider.captionJobs.launch(launchInput())).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(outsider.captionJobs.preview(launchInput())).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    for (const call of [
      () => outsider.captionJobs.get({ jobId: job.id }),
      () => outsider.captionJobs.failures({ jobId: job.id }),
      () => outsider.captionJobs.cancel({ jobId: job.id }),
      () => outsider.captionJobs.retryFailed({ jobId: job.id }),
      () => outsider.captionJobs.list({ projectId }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await admin().captionJobs.cancel({ jobId: job.id });
  });
});

describe('captionJobs.cancel, failures and retryFailed', () => {
  it('cancels a queued job at once and refuses a second cancel', async () => {
    const job = await admin().captionJobs.launch(launchInput());
    const cancelled = await admin().captionJobs.cancel({ jobId: job.id });
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.progress.etaSeconds).toBeNull();
    await expect(admin().captionJobs.cancel({ jobId: job.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('lists failures with reasons by pages and retries only the failed rows', async () => {
    const job = await admin().captionJobs.launch(launchInput({ force: true }));
    // Settle the job as a worker would have: three rows failed, the rest done.
    const failedRows = rows.slice(0, 3);
    await db.captionJobRow.updateMany({ where: { jobId: job.id }, data: { status: 'DONE' } });
    await db.captionJobRow.updateMany({
      where: { jobId: job.id, dataRowId: { in: failedRows.map((r) => r.id) } },
      data: { status: 'FAILED', error: 'undecodable image' },
    });
    await db.captionJobBatch.updateMany({ where: { jobId: job.id }, data: { status: 'DONE' } });
    await db.captionJob.update({
      where: { id: job.id },
      data: { status: 'COMPLETED', doneRows: 17, failedRows: 3, finishedAt: new Date() },
    });

    const reader = callerFor(db, members.LABELER, teamId);
    const first = await reader.captionJobs.failures({ jobId: job.id, limit: 2 });
    expect(first.failures).toHaveLength(2);
    const second = await reader.captionJobs.failures({ jobId: job.id, cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    expect([...first.failures, ...second.failures].map((f) => f.externalId).sort()).toEqual(
      failedRows.map((r) => r.externalId).sort(),
    );
    expect(second.failures[0]?.error).toBe('undecodable image');

    const retried = await admin().captionJobs.retryFailed({ jobId: job.id });
    expect(retried).toMatchObject({
      status: 'RUNNING',
      progress: { counts: { total: 20, done: 17, failed: 0, pending: 3 } },
    });
    const pending = await db.captionJobRow.findMany({
      where: { jobId: job.id, status: 'PENDING' },
    });
    expect(pending.map((r) => r.dataRowId).sort()).toEqual(failedRows.map((r) => r.id).sort());
    const queued = await getCaptionQueue().getJobs(['waiting', 'prioritized', 'delayed']);
    expect(queued.some((q) => q.id === pending[0]!.batchId)).toBe(true);
    // Nothing failed any more, and the job runs again: a second retry has nothing to do.
    await expect(admin().captionJobs.retryFailed({ jobId: job.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await admin().captionJobs.cancel({ jobId: job.id });
  });
});
