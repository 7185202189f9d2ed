// Load benchmark: the review load and a caption job at once. On a throwaway database it starts
// the real web app (`next start`) and the real inference worker on the tiny model (own storage
// folder and queue prefix), seeds a project of pre-labelled items (SQL, as bench:review does),
// uploads images into the same project through the real import path, then launches a caption job
// on those images through the REST API while simulated reviewers claim → submit (and approve on
// the review step) and a dashboard polls the job's status every second.
//
// Prints claims/s, submits/s, captions/s (rows the job finished inside the window, from its
// status), p50/p99 latency of claim, submit, approve and status poll, errors by kind (any answer
// that is not 2xx; a claim's 204 "queue empty" is expected), double claims (also checked in the
// database afterwards) and the machine; the last line is one JSON object of all figures.
//
// Usage: npm run bench:load [-- --rows 20000] [--images 10000] [--reviewers 50] [--seconds 60]
//   [--warmup-seconds 5] [--think-ms 1000] [--approve-share 0.25]
import { createDb, type Db } from '@captionary/db';
import { Redis } from 'ioredis';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { applyMigrations } from '../../../packages/db/src/migrate';
import { machine } from '../../../scripts/lib/machine';
import {
  ensureTinyModel,
  ensureWebBuild,
  startJobs,
  startWeb,
  startWorker,
  waitForWeb,
} from '../../../scripts/lib/platform';
import { startServices } from '../../../scripts/lib/services';
import { uploadCaptionImages } from './caption-images';
import { ErrorTally } from './error-tally';
import { freePort } from '../../../scripts/lib/free-port';
import { captionsInWindow, pollJobStatus } from './job-status-poller';
import { latencyFigures } from './latency';
import { measuredWindow, pause } from './measured-window';
import { createMemberWithKey, seedReviewBench } from './review-seed';
import { checkReviewConsistency } from './review-verify';
import { runReviewers, warmUpReviewRoutes } from './reviewer-load';

const Args = z.object({
  rows: z.coerce.number().int().min(1000),
  // Enough by default that the tiny model on a CPU is still captioning when the window closes;
  // the upload sends them 1,000 per request.
  images: z.coerce.number().int().min(1).max(100_000),
  reviewers: z.coerce.number().int().min(1).max(1000),
  seconds: z.coerce.number().positive(),
  warmupSeconds: z.coerce.number().min(0),
  thinkMs: z.coerce.number().min(0),
  approveShare: z.coerce.number().min(0).max(1),
});
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '20000' },
    images: { type: 'string', default: '10000' },
    reviewers: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '60' },
    'warmup-seconds': { type: 'string', default: '5' },
    'think-ms': { type: 'string', default: '1000' },
    'approve-share': { type: 'string', default: '0.25' },
  },
});
const args = Args.parse({
  ...values,
  warmupSeconds: values['warmup-seconds'],
  thinkMs: values['think-ms'],
  approveShare: values['approve-share'],
});

const CaptionJobCreated = z.object({ job: z.object({ id: z.string() }) });

/** The model the worker registered in this database once it has loaded (before it takes work). */
async function waitForWorkerModel(db: Db, timeoutMs = 180_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const version = await db.modelVersion.findFirst({ select: { name: true } });
    if (version) return version.name;
    await pause(500);
  }
  throw new Error(`the inference worker did not load its model within ${timeoutMs / 1000} s`);
}

/** Deletes every Redis key under the benchmark's own queue prefix (its leftover batches). */
async function removeQueueKeys(redisUrl: string, prefix: string) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

const round1 = (n: number) => Number(n.toFixed(1));

const services = await startServices({
  database: `captionary_bench_load_${process.pid}`,
  throwaway: true,
  log: () => {},
});
// The web app and the worker inherit this process's environment (scripts/lib/platform.ts): a
// storage folder and queue prefix of their own keep the benchmark apart from anything else
// running against the same Redis and from the user's stored images.
const storageDir = await mkdtemp(path.join(os.tmpdir(), 'captionary-bench-load-'));
const queuePrefix = `bench-load-${process.pid}`;
process.env.STORAGE_DIR = storageDir;
process.env.QUEUE_PREFIX = queuePrefix;
let web: ReturnType<typeof startWeb> | undefined;
let worker: ReturnType<typeof startWorker> | undefined;
let jobs: ReturnType<typeof startJobs> | undefined;
try {
  const info = machine();
  console.log(
    `load benchmark: ${args.rows} items, ${args.reviewers} reviewers (think ${args.thinkMs} ms ±50 %, ` +
      `${Math.round(args.approveShare * 100)} % of rounds approve), a caption job on ${args.images} images, ` +
      `${args.seconds} s after ${args.warmupSeconds} s of warm-up`,
  );
  console.log(`machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB, node ${info.node}`);
  await applyMigrations(services.databaseUrl, { log: () => {} });
  const db = createDb(services.databaseUrl, { max: 4 });
  try {
    const seedStarted = performance.now();
    const seed = await seedReviewBench(db, args.rows, args.reviewers);
    const adminKey = await createMemberWithKey(db, seed.teamId, 'admin', 'ADMIN');
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(`seeded ${args.rows} items in ${seedSeconds.toFixed(1)} s`);

    await ensureTinyModel();
    await ensureWebBuild();
    const port = await freePort();
    const platform = { databaseUrl: services.databaseUrl, redisUrl: services.redisUrl, port };
    web = startWeb(platform, { quiet: true });
    worker = startWorker(platform);
    // The platform as deployed: the jobs process runs its sweeps during the load too.
    jobs = startJobs(platform, { quiet: true });
    await waitForWeb(port);
    const modelName = await waitForWorkerModel(db);
    const baseUrl = `http://127.0.0.1:${port}`;

    const upload = await uploadCaptionImages(baseUrl, seed.projectId, adminKey, args.images);
    console.log(
      `uploaded ${upload.created} images through the import API in ${upload.seconds.toFixed(1)} s`,
    );
    await warmUpReviewRoutes(baseUrl, seed.projectId, seed.keys);

    const window = measuredWindow(args.warmupSeconds, args.seconds);
    const errors = new ErrorTally();
    // The job covers exactly the uploaded rows: the seeded items all carry a label already.
    const launchStarted = performance.now();
    const launched = await fetch(`${baseUrl}/api/v1/projects/${seed.projectId}/caption-jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ filter: { labelStatus: 'NONE' }, model: modelName }),
    });
    const launchMs = performance.now() - launchStarted;
    if (launched.status !== 201)
      throw new Error(
        `launching the caption job answered ${launched.status}: ${await launched.text()}`,
      );
    const jobId = CaptionJobCreated.parse(await launched.json()).job.id;

    const [load, polling] = await Promise.all([
      runReviewers({
        baseUrl,
        projectId: seed.projectId,
        keys: seed.keys,
        thinkMs: args.thinkMs,
        window,
        approveShare: args.approveShare,
        errors,
      }),
      pollJobStatus({ baseUrl, key: adminKey, jobId, window, errors }),
    ]);
    const checks = await checkReviewConsistency(db, seed.projectId);
    const captions = captionsInWindow(polling.samples, window);
    const lastSample = polling.samples.at(-1);
    const claim = latencyFigures(load.claimMs);
    const submit = latencyFigures(load.submitMs);
    const approve = latencyFigures(load.approveMs);
    const poll = latencyFigures(polling.pollMs);
    const figures = {
      benchmark: 'load',
      items: args.rows,
      images: args.images,
      reviewers: args.reviewers,
      seconds: args.seconds,
      warmupSeconds: args.warmupSeconds,
      thinkMs: args.thinkMs,
      approveShare: args.approveShare,
      seedSeconds: round1(seedSeconds),
      uploadSeconds: round1(upload.seconds),
      claims: load.claims,
      submits: load.submits,
      approves: load.approves,
      claimsPerSecond: round1(load.claims / args.seconds),
      submitsPerSecond: round1(load.submits / args.seconds),
      approvesPerSecond: round1(load.approves / args.seconds),
      captionsInWindow: captions.captions,
      captionsPerSecond: round1(captions.perSecond),
      captionJob: {
        launchMs: Number(launchMs.toFixed(2)),
        status: lastSample?.status ?? 'unknown',
        total: lastSample?.total ?? 0,
        done: lastSample?.done ?? 0,
        failed: lastSample?.failed ?? 0,
      },
      statusPolls: polling.pollMs.length,
      claimP50Ms: claim.p50Ms,
      claimP99Ms: claim.p99Ms,
      submitP50Ms: submit.p50Ms,
      submitP99Ms: submit.p99Ms,
      approveP50Ms: approve.p50Ms,
      approveP99Ms: approve.p99Ms,
      statusP50Ms: poll.p50Ms,
      statusP99Ms: poll.p99Ms,
      errors: errors.total,
      errorsByKind: errors.byKind(),
      emptyClaims: load.emptyClaims,
      doubleClaims: load.doubleClaims + checks.doubleClaims,
      inconsistentRevisions: checks.inconsistentRevisions,
      restarts: { web: web.restarts(), worker: worker.restarts() },
      machine: info,
    };
    for (const error of errors.samples) console.log(`  error: ${error}`);
    console.log(
      `claims/s: ${figures.claimsPerSecond}, submits/s: ${figures.submitsPerSecond}, ` +
        `approves/s: ${figures.approvesPerSecond} (${load.claims} claims, ${load.submits} submits, ` +
        `${load.approves} approves)`,
    );
    console.log(
      `captions/s: ${figures.captionsPerSecond} (${captions.captions} rows in ${captions.seconds.toFixed(1)} s ` +
        `of the window; job ${figures.captionJob.status}, ${figures.captionJob.done} done and ` +
        `${figures.captionJob.failed} failed of ${figures.captionJob.total})`,
    );
    if (captions.captions === 0)
      console.log('  the job finished before the window or never ran: try more --images');
    console.log(`claim latency p50 ${claim.p50Ms} ms, p99 ${claim.p99Ms} ms`);
    console.log(`submit latency p50 ${submit.p50Ms} ms, p99 ${submit.p99Ms} ms`);
    console.log(`approve latency p50 ${approve.p50Ms} ms, p99 ${approve.p99Ms} ms`);
    console.log(
      `job status latency p50 ${poll.p50Ms} ms, p99 ${poll.p99Ms} ms (${polling.pollMs.length} polls)`,
    );
    console.log(
      `errors: ${figures.errors} ${JSON.stringify(figures.errorsByKind)}, double claims: ` +
        `${figures.doubleClaims}, inconsistent revisions: ${figures.inconsistentRevisions}, ` +
        `restarts: web ${figures.restarts.web}, worker ${figures.restarts.worker}`,
    );
    console.log(
      `machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB, node ${info.node}, ${info.platform}`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await db.$disconnect();
  }
} finally {
  await worker?.stop();
  await jobs?.stop();
  await web?.stop();
  await removeQueueKeys(services.redisUrl, queuePrefix);
  await rm(storageDir, { recursive: true, force: true });
  await services.stop();
}
