// Browser tests: boots the platform the way `npm start` does (on the throwaway database that
// scripts/with-services.ts provides), then drives Debian's Chromium through each scenario in
// e2e/scenarios/. Screenshots land in e2e/artifacts/. Run with `npm run test:e2e`.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  ensureTinyModel,
  ensureWebBuild,
  prepareDatabase,
  startJobs,
  startWeb,
  startWorker,
  waitForWeb,
} from '../scripts/lib/platform';
import { REPO_ROOT } from '../scripts/lib/paths';
import { createImportFixtures } from './import-fixtures';
import type { Scenario } from './scenario';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCENARIO_ATTEMPTS = 3;
// Without the background-networking flags Chromium keeps trying to reach Google's hosts.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
if (!databaseUrl || !redisUrl) {
  console.error('DATABASE_URL and REDIS_URL must be set (run through npm run test:e2e)');
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(
    `No Chromium at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );
  process.exit(2);
}

const credentials = await prepareDatabase(databaseUrl);
if (!credentials) throw new Error('the e2e database must start empty so the demo team is seeded');
await ensureTinyModel();
await ensureWebBuild();

const port = Number(process.env.E2E_PORT ?? 3100);
// Queues of this run only: the Redis server may be shared with other runs, tests or benchmarks,
// whose workers must not take this run's batches (childEnv passes it to the web app and worker).
process.env.QUEUE_PREFIX ??= `e2e-${process.pid}`;
// A DATA_ROOT folder and a loopback image server for the import scenarios.
const fixtures = await createImportFixtures();
const env = {
  databaseUrl,
  redisUrl,
  port,
  dataRoot: fixtures.dataRoot,
  importAllowHosts: [fixtures.imageServerHostPort],
};
const verbose = process.env.E2E_VERBOSE === '1';
const web = startWeb(env, { quiet: !verbose });
const jobs = startJobs(env, { quiet: !verbose });
const worker = startWorker(env, { quiet: !verbose });
let passed = 0;
let failed = 0;
try {
  await waitForWeb(port);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const scenarioDir = path.join(REPO_ROOT, 'e2e/scenarios');
  const only = process.argv[2];
  for (const file of readdirSync(scenarioDir)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const name = file.replace(/\.ts$/, '');
    if (only && name !== only) continue;
    const artifactsDir = path.join(REPO_ROOT, 'e2e/artifacts', name);
    mkdirSync(artifactsDir, { recursive: true });
    const scenario = (await import(path.join(scenarioDir, file))) as Scenario;
    const context = {
      baseUrl: `http://localhost:${port}`,
      credentials,
      browser,
      artifactsDir,
      imports: {
        dataRoot: fixtures.dataRoot,
        imageServerUrl: fixtures.imageServerUrl,
        imageServerRequests: fixtures.imageServerRequests,
      },
    };
    // A scenario that fails is run again, up to SCENARIO_ATTEMPTS times (on a 2-core machine a
    // busy moment can outlast a wait); a pass on a later try is reported as such, never silently.
    for (let attempt = 1; attempt <= SCENARIO_ATTEMPTS; attempt++) {
      const started = Date.now();
      try {
        await scenario.run(context);
        passed++;
        const retried = attempt > 1 ? `, passed on attempt ${attempt}` : '';
        console.log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s${retried})`);
        break;
      } catch (error) {
        console.log(`✗ ${name} (attempt ${attempt}): ${(error as Error).stack ?? error}`);
        if (attempt === SCENARIO_ATTEMPTS) failed++;
      }
    }
  }
  await browser.close();
} finally {
  await Promise.all([web.stop(), jobs.stop(), worker.stop()]);
  await fixtures.close();
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
