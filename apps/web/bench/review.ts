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
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { applyMigrations } from '../../../packages/db/src/migrate';
import { ensureWebBuild, startWeb, waitForWeb } from '../../../scripts/lib/platform';
import { startServices } from '../../../scripts/lib/services';
import { seedReviewBench } from './review-seed';
import { checkReviewConsistency } from './review-verify';
import { machine } from '../../../scripts/lib/machine';

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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface LoadResult {
  claims: number;
  submits: number;
  claimMs: number[];
  submitMs: number[];
  errors: string[];
  doubleClaims: number;
  emptyClaims: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A think time between half and one and a half times the nominal one. */
const jitter = (ms: number) => ms * (0.5 + Math.random());

/** Every reviewer loops claim → think → submit until the deadline. */
async function runLoad(baseUrl: string, projectId: string, keys: string[]): Promise<LoadResult> {
  const result: LoadResult = {
    claims: 0,
    submits: 0,
    claimMs: [],
    submitMs: [],
    errors: [],
    doubleClaims: 0,
    emptyClaims: 0,
  };
  // Who holds each item right now, as the API told the clients: a second holder is a double claim.
  const holders = new Map<string, number>();
  // A warm-up first (the server loads and compiles each route on its first requests), then the
  // measured window: only requests started inside it count.
  const measureFrom = performance.now() + warmupSeconds * 1000;
  const deadline = measureFrom + seconds * 1000;
  const reviewer = async (index: number) => {
    // People do not start or work in lockstep: each reviewer starts at a random moment within one
    // think time, and each pause varies by ±50 %, so requests do not arrive in bursts of 50.
    if (thinkMs > 0) await pause(Math.random() * thinkMs);
    const headers = { authorization: `Bearer ${keys[index]}`, 'content-type': 'application/json' };
    while (performance.now() < deadline) {
      let started = performance.now();
      const claimed = await fetch(`${baseUrl}/api/v1/projects/${projectId}/steps/label/claim`, {
        method: 'POST',
        headers,
      });
      const claimMs = performance.now() - started;
      if (claimed.status === 204) {
        result.emptyClaims++;
        continue;
      }
      if (claimed.status !== 200) {
        result.errors.push(`claim ${claimed.status}: ${await claimed.text()}`);
        continue;
      }
      const { item } = (await claimed.json()) as {
        item: { id: string; version: number; caption: { text: string } };
      };
      const measured = started >= measureFrom;
      if (measured) {
        result.claims++;
        result.claimMs.push(claimMs);
      }
      if (holders.has(item.id) && holders.get(item.id) !== index) result.doubleClaims++;
      holders.set(item.id, index);
      if (thinkMs > 0) await pause(jitter(thinkMs));
      started = performance.now();
      const submitted = await fetch(`${baseUrl}/api/v1/work-items/${item.id}/submit`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ version: item.version, caption: `${item.caption.text}, checked` }),
      });
      const submitMs = performance.now() - started;
      holders.delete(item.id);
      if (submitted.status !== 200) {
        result.errors.push(`submit ${submitted.status}: ${await submitted.text()}`);
        continue;
      }
      await submitted.arrayBuffer();
      if (measured) {
        result.submits++;
        result.submitMs.push(submitMs);
      }
    }
  };
  await Promise.all(keys.map((_, index) => reviewer(index)));
  return result;
}

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
    await runLoadWarmup(baseUrl, seed.projectId, seed.keys);

    const load = await runLoad(baseUrl, seed.projectId, seed.keys);
    const claimSorted = [...load.claimMs].sort((a, b) => a - b);
    const submitSorted = [...load.submitMs].sort((a, b) => a - b);
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
      claimP50Ms: Number(percentile(claimSorted, 50).toFixed(2)),
      claimP99Ms: Number(percentile(claimSorted, 99).toFixed(2)),
      submitP50Ms: Number(percentile(submitSorted, 50).toFixed(2)),
      submitP99Ms: Number(percentile(submitSorted, 99).toFixed(2)),
      errors: load.errors.length,
      emptyClaims: load.emptyClaims,
      doubleClaims: load.doubleClaims + checks.doubleClaims,
      inconsistentRevisions: checks.inconsistentRevisions,
      machine: info,
    };
    for (const error of load.errors.slice(0, 5)) console.log(`  error: ${error}`);
    console.log(
      `claims/s: ${figures.claimsPerSecond} (${load.claims} claims, ${load.submits} submits)`,
    );
    console.log(`claim latency p50 ${figures.claimP50Ms} ms, p99 ${figures.claimP99Ms} ms`);
    console.log(`submit latency p50 ${figures.submitP50Ms} ms, p99 ${figures.submitP99Ms} ms`);
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

/** A few claim → release-free submits per key before timing, not counted. */
async function runLoadWarmup(baseUrl: string, projectId: string, keys: string[]) {
  for (const key of keys.slice(0, 5)) {
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const claimed = await fetch(`${baseUrl}/api/v1/projects/${projectId}/steps/label/claim`, {
      method: 'POST',
      headers,
    });
    if (claimed.status !== 200)
      throw new Error(`warm-up claim answered ${claimed.status}: ${await claimed.text()}`);
    const { item } = (await claimed.json()) as { item: { id: string; version: number } };
    const submitted = await fetch(`${baseUrl}/api/v1/work-items/${item.id}/submit`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ version: item.version, caption: 'warm-up caption' }),
    });
    if (submitted.status !== 200)
      throw new Error(`warm-up submit answered ${submitted.status}: ${await submitted.text()}`);
  }
}
