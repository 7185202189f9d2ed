// Review benchmark: a 1M-item project on a throwaway database, the real web app (`next start`),
// and 50 simulated reviewers that claim → submit through the REST API for 60 s. Prints claims/s,
// p50/p99 latency of claim and submit, errors and double claims (checked again in the database
// afterwards); the last line is one JSON object of figures.
//
// Usage: npm run bench:review [-- --rows 1000000] [--reviewers 50] [--seconds 60] [--think-ms 1000]
//   [--warmup-seconds 5]
// --think-ms is each reviewer's pause between receiving an item and submitting it (a person
// reads and types; 0 makes every reviewer a tight loop, which measures saturation instead).
import { createDb } from '@captionary/db';
import { parseArgs } from 'node:util';
import { applyMigrations } from '../../../packages/db/src/migrate';
import { ensureWebBuild, startWeb, waitForWeb } from '../../../scripts/lib/platform';
import { startServices } from '../../../scripts/lib/services';
import { seedReviewBench } from './review-seed';
import { checkReviewConsistency } from './review-verify';
import { machine } from '../../../scripts/lib/machine';
import { freePort } from '../../../scripts/lib/free-port';
import { latencyFigures } from './latency';
import { measuredWindow } from './measured-window';
import { runReviewers, warmUpReviewRoutes } from './reviewer-load';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    reviewers: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '60' },
    'warmup-seconds': { type: 'string', default: '5' },
    'think-ms': { type: 'string', default: '1000' },
  },
});
const rowCount = Number(values.rows);
const reviewerCount = Number(values.reviewers);
const seconds = Number(values.seconds);
const warmupSeconds = Number(values['warmup-seconds']);
const thinkMs = Number(values['think-ms']);

const services = await startServices({
  database: `captionary_bench_review_${process.pid}`,
  throwaway: true,
  log: () => {},
});
let web: ReturnType<typeof startWeb> | undefined;
try {
  const info = machine();
  console.log(
    `review benchmark: ${rowCount} items, ${reviewerCount} reviewers, ${seconds} s after ${warmupSeconds} s of warm-up, think ${thinkMs} ms ±50 %`,
  );
  console.log(`machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB, node ${info.node}`);
  await applyMigrations(services.databaseUrl, { log: () => {} });
  const db = createDb(services.databaseUrl, { max: 4 });
  let seedSeconds = 0;
  try {
    const seedStarted = performance.now();
    const seed = await seedReviewBench(db, rowCount, reviewerCount);
    seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(`seeded ${rowCount} items in ${seedSeconds.toFixed(1)} s`);

    await ensureWebBuild();
    const port = await freePort();
    web = startWeb(
      { databaseUrl: services.databaseUrl, redisUrl: services.redisUrl, port },
      { quiet: true },
    );
    await waitForWeb(port);
    const baseUrl = `http://127.0.0.1:${port}`;
    // Warm the routes (first requests compile nothing in production, but open pools and caches).
    await warmUpReviewRoutes(baseUrl, seed.projectId, seed.keys);

    const load = await runReviewers({
      baseUrl,
      projectId: seed.projectId,
      keys: seed.keys,
      thinkMs,
      window: measuredWindow(warmupSeconds, seconds),
    });
    const claimLatency = latencyFigures(load.claimMs);
    const submitLatency = latencyFigures(load.submitMs);
    const checks = await checkReviewConsistency(db, seed.projectId);
    const figures = {
      benchmark: 'review',
      items: rowCount,
      reviewers: reviewerCount,
      seconds,
      warmupSeconds,
      thinkMs,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      claims: load.claims,
      submits: load.submits,
      claimsPerSecond: Number((load.claims / seconds).toFixed(1)),
      claimP50Ms: claimLatency.p50Ms,
      claimP90Ms: claimLatency.p90Ms,
      claimP95Ms: claimLatency.p95Ms,
      claimP99Ms: claimLatency.p99Ms,
      submitP50Ms: submitLatency.p50Ms,
      submitP90Ms: submitLatency.p90Ms,
      submitP95Ms: submitLatency.p95Ms,
      submitP99Ms: submitLatency.p99Ms,
      errors: load.errors.total,
      emptyClaims: load.emptyClaims,
      doubleClaims: load.doubleClaims + checks.doubleClaims,
      inconsistentRevisions: checks.inconsistentRevisions,
      machine: info,
    };
    for (const error of load.errors.samples) console.log(`  error: ${error}`);
    console.log(
      `claims/s: ${figures.claimsPerSecond} (${load.claims} claims, ${load.submits} submits)`,
    );
    const spread = (l: typeof claimLatency) =>
      `p50 ${l.p50Ms} ms, p90 ${l.p90Ms} ms, p95 ${l.p95Ms} ms, p99 ${l.p99Ms} ms`;
    console.log(`claim latency ${spread(claimLatency)}`);
    console.log(`submit latency ${spread(submitLatency)}`);
    console.log(
      `errors: ${figures.errors}, double claims: ${figures.doubleClaims}, inconsistent revisions: ${figures.inconsistentRevisions}`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await db.$disconnect();
  }
} finally {
  await web?.stop();
  await services.stop();
}
