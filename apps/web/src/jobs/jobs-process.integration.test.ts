// The jobs process as `npm start` and the jobs container run it: a child process on the test's own
// queue prefix, storage folder and loopback image server.
import type { Db } from '@captionary/db';
import {
  DATA_IMPORT_QUEUE,
  EXPORT_QUEUE,
  JOB_COMPLETED_SWEEP_JOB,
  SYNC_RUN_QUEUE,
  WEBHOOK_DELIVERY_QUEUE,
  type JobsHeartbeat,
} from '@captionary/shared';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readJobsHeartbeats } from '../server/services/health';
import { EXPORT_RETENTION_SWEEP_JOB } from '../server/services/exports/export-queue';
import { jpegBytes } from '../server/services/imports/testing/image-fixtures';
import {
  stubImportEnv,
  type ImportTestEnv,
} from '../server/services/imports/testing/import-test-env';
import {
  startLoopbackServer,
  type LoopbackServer,
} from '../server/services/imports/testing/loopback-server';
import { callerFor, createTestTeam, testDb } from '../server/testing/fixtures';

const WEB_DIR = path.resolve(import.meta.dirname, '../..');

let db: Db;
let redis: Redis;
let env: ImportTestEnv;
let server: LoopbackServer;
let releaseSlowImage: () => void;
let slowImageRequested: Promise<void>;
let jobs: ChildProcess;
/** Every line the jobs process printed, and each new one as it comes. */
const output: string[] = [];
const lines = new EventEmitter<{ line: [string] }>();

/** Resolves when the jobs process has printed a line matching `pattern`. */
function lineMatching(pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const found = output.find((line) => pattern.test(line));
    if (found) return resolve(found);
    const onLine = (line: string) => {
      if (!pattern.test(line)) return;
      lines.off('line', onLine);
      resolve(line);
    };
    lines.on('line', onLine);
    jobs.once('exit', (code) =>
      reject(new Error(`jobs process exited (${code}) before ${pattern}`)),
    );
  });
}

beforeAll(async () => {
  db = testDb();
  redis = new Redis(process.env.REDIS_URL!);
  const fastImage = await jpegBytes(1);
  const slowImage = await jpegBytes(2);
  let markRequested!: () => void;
  slowImageRequested = new Promise((resolve) => (markRequested = resolve));
  const released = new Promise<void>((resolve) => (releaseSlowImage = resolve));
  server = await startLoopbackServer(async (url) => {
    if (url === '/fast.jpg') return { body: fastImage };
    if (url !== '/slow.jpg') return undefined;
    markRequested();
    await released;
    return { body: slowImage };
  });
  env = await stubImportEnv({ IMPORT_ALLOW_HOSTS: server.hostPort });
  // The stubbed variables (storage folder, queue prefix, key, allowed host) reach the child too.
  jobs = spawn(process.execPath, ['--import', 'tsx', 'src/jobs/main.ts'], {
    cwd: WEB_DIR,
    env: { ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [jobs.stdout!, jobs.stderr!]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      lines.emit('line', line);
    });
  }
});

afterAll(async () => {
  releaseSlowImage();
  if (jobs.exitCode === null && jobs.signalCode === null) jobs.kill('SIGKILL');
  await server.close();
  redis.disconnect();
  vi.unstubAllEnvs();
  await db.$disconnect();
});

describe('the jobs process', () => {
  it('takes jobs from the four queues, says so once per worker and publishes its heartbeat', async () => {
    await lineMatching(/^jobs process .* is running$/);
    for (const queue of [DATA_IMPORT_QUEUE, EXPORT_QUEUE, SYNC_RUN_QUEUE, WEBHOOK_DELIVERY_QUEUE]) {
      expect(output.filter((line) => line.includes(`taking jobs from ${queue} `))).toHaveLength(1);
    }
    let heartbeat: JobsHeartbeat | undefined;
    while (!heartbeat) {
      heartbeat = (await readJobsHeartbeats(redis)).find((beat) => beat.pid === jobs.pid);
      if (!heartbeat) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(heartbeat.queues.sort()).toEqual(
      [DATA_IMPORT_QUEUE, EXPORT_QUEUE, SYNC_RUN_QUEUE, WEBHOOK_DELIVERY_QUEUE].sort(),
    );
  });

  it('schedules the export retention sweep and the job-completed sweep', async () => {
    const connection = { url: process.env.REDIS_URL! };
    const exportsQueue = new Queue(EXPORT_QUEUE, { connection, prefix: env.queuePrefix });
    const webhooksQueue = new Queue(WEBHOOK_DELIVERY_QUEUE, {
      connection,
      prefix: env.queuePrefix,
    });
    try {
      const schedulers = async () =>
        [
          ...(await exportsQueue.getJobSchedulers()),
          ...(await webhooksQueue.getJobSchedulers()),
        ].map((scheduler) => scheduler.key);
      while (!(await schedulers()).includes(JOB_COMPLETED_SWEEP_JOB)) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await schedulers()).toEqual(
        expect.arrayContaining([EXPORT_RETENTION_SWEEP_JOB, JOB_COMPLETED_SWEEP_JOB]),
      );
    } finally {
      await Promise.all([exportsQueue.close(), webhooksQueue.close()]);
    }
  });

  it('on SIGTERM finishes the running import, removes its heartbeat and exits cleanly', async () => {
    const team = await createTestTeam(db, ['OWNER', 'ADMIN']);
    const owner = callerFor(db, team.members.OWNER, team.teamId);
    const { id: projectId } = await owner.projects.create({ name: 'Jobs process' });
    const { firstRun } = await callerFor(
      db,
      team.members.ADMIN,
      team.teamId,
    ).dataConnections.create({
      projectId,
      kind: 'URL_LIST',
      name: 'One fast, one slow',
      listText: [server.url('/fast.jpg'), server.url('/slow.jpg')].join('\n'),
    });
    // The import is running in the jobs process: it is waiting for the slow image.
    await slowImageRequested;
    const exited = once(jobs, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    jobs.kill('SIGTERM');
    await lineMatching(/^SIGTERM: finishing the running jobs/);
    releaseSlowImage();
    const [code, signal] = await exited;

    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(await db.importRun.findUniqueOrThrow({ where: { id: firstRun!.id } })).toMatchObject({
      status: 'SUCCEEDED',
      created: 2,
      failed: 0,
    });
    expect((await readJobsHeartbeats(redis)).map((beat) => beat.pid)).not.toContain(jobs.pid);
  });
});
