// Import benchmark: N URLs (default 100,000) of small distinct JPEGs served on loopback, imported
// through the real path (URL-list connection → data-imports queue → worker → sharp → storage →
// Postgres) on a throwaway database. Prints rows/s, thumbnails/s and peak memory; the last line
// is one JSON object of figures.
//
// Then the dataset-browser query (first page, deep keyset page, caption search) on a project of
// --browser-rows rows (default 1,000,000), seeded in bulk.
//
// Usage: npm run bench:import [-- --n 2000] [--concurrency 16] [--browser-rows 1000000]
import { createDb, ObjectStorage } from '@captionary/db';
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { applyMigrations } from '../../../packages/db/src/migrate';
import { startServices } from '../../../scripts/lib/services';
import { createDataConnection } from '../src/server/services/imports/data-connections';
import { createDataImportQueue } from '../src/server/services/imports/data-import-queue';
import { createDataImportWorker } from '../src/server/services/imports/data-import-worker';
import { startConnectionImport } from '../src/server/services/imports/import-runs';
import type { ImportSettings } from '../src/server/services/imports/import-settings';
import { measureBrowserQuery } from './browser-query';
import { machine } from '../../../scripts/lib/machine';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '16' },
    'browser-rows': { type: 'string', default: '1000000' },
  },
});
const itemCount = Number(values.n);
const concurrency = Number(values.concurrency);

interface ImageServer {
  port: number;
  imageBytes: number;
  stop(): void;
}

async function startImageServer(): Promise<ImageServer> {
  const child = fork(fileURLToPath(new URL('./import-image-server.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ port: number; imageBytes: number }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { port: number; imageBytes: number }));
    child.once('exit', (code) => reject(new Error(`image server exited with ${code}`)));
  });
  return { ...ready, stop: () => child.kill() };
}

/** Step 1: import `itemCount` URLs and time it. */
async function measureUrlImport(databaseUrl: string, redisUrl: string) {
  const imageServer = await startImageServer();
  const storageDir = await mkdtemp(path.join(os.tmpdir(), 'captionary-bench-storage-'));
  const prefix = `bench-import-${process.pid}`;
  const db = createDb(databaseUrl, { max: 8 });
  const settings: ImportSettings = {
    storageDir,
    dataRoot: undefined,
    allowHosts: new Set([`127.0.0.1:${imageServer.port}`]),
    encryptionKey: undefined,
    maxBytes: 50 * 1024 * 1024,
    fetchTimeoutMs: 30_000,
    concurrency,
  };
  const deps = { db, storage: new ObjectStorage(storageDir), settings };
  const queue = createDataImportQueue(redisUrl, prefix);
  const worker = createDataImportWorker({ ...deps, redisUrl, prefix, concurrency: 1 });
  try {
    const team = await db.team.create({
      data: { name: 'Import benchmark', slug: `bench-import-${process.pid}` },
    });
    const project = await db.project.create({
      data: { teamId: team.id, name: 'Import benchmark', workflowConfig: {} },
    });
    const actor = { teamId: team.id, role: 'OWNER' as const, userId: null, apiKeyId: null };
    const listText = Array.from(
      { length: itemCount },
      (_, n) => `http://127.0.0.1:${imageServer.port}/img/${n}.jpg`,
    ).join('\n');
    const connection = await createDataConnection(deps, actor, {
      projectId: project.id,
      kind: 'URL_LIST',
      name: 'Benchmark URLs',
      listText,
    });

    const started = performance.now();
    const run = await startConnectionImport(db, queue, actor, connection.id, 'import');
    let lastPrinted = 0;
    for (;;) {
      const current = await db.importRun.findUniqueOrThrow({ where: { id: run.id } });
      const done = current.created + current.skipped + current.failed;
      if (performance.now() - lastPrinted > 10_000) {
        lastPrinted = performance.now();
        const seconds = (performance.now() - started) / 1000;
        console.log(`  ${done}/${itemCount} after ${seconds.toFixed(0)} s`);
      }
      if (current.status === 'SUCCEEDED' || current.status === 'FAILED') {
        const seconds = (performance.now() - started) / 1000;
        if (current.status === 'FAILED') throw new Error(`import failed: ${current.error}`);
        return {
          items: itemCount,
          imageBytes: imageServer.imageBytes,
          seconds,
          created: current.created,
          skipped: current.skipped,
          failed: current.failed,
          // Every created row got one thumbnail, written by the same pass.
          thumbnails: current.created,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    await db.$disconnect();
    imageServer.stop();
    await rm(storageDir, { recursive: true, force: true });
  }
}

const services = await startServices({
  database: `captionary_bench_import_${process.pid}`,
  throwaway: true,
  log: () => {},
});
try {
  await applyMigrations(services.databaseUrl, { log: () => {} });
  console.log(`import benchmark: ${itemCount} URLs, concurrency ${concurrency}`);
  const info = machine();
  console.log(`machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB, node ${info.node}`);

  const imported = await measureUrlImport(services.databaseUrl, services.redisUrl);
  const rowsPerSecond = imported.created / imported.seconds;
  const thumbnailsPerSecond = imported.thumbnails / imported.seconds;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `imported ${imported.created} rows (${imported.skipped} skipped, ${imported.failed} failed) ` +
      `in ${imported.seconds.toFixed(1)} s`,
  );
  console.log(`rows/s: ${rowsPerSecond.toFixed(1)}`);
  console.log(`thumbnails/s: ${thumbnailsPerSecond.toFixed(1)}`);
  console.log(`peak RSS: ${peakRssMb.toFixed(0)} MB`);

  const browser = await measureBrowserQuery({
    databaseUrl: services.databaseUrl,
    rows: Number(values['browser-rows']),
  });
  console.log(
    `dataset browser on ${browser.rows} rows: first page ${browser.firstPageMs} ms, ` +
      `deep page ${browser.deepPageMs} ms, caption search ${browser.textSearchMs} ms ` +
      `(seeded in ${browser.seedSeconds} s)`,
  );

  const figures = {
    benchmark: 'import',
    items: imported.items,
    imageBytes: imported.imageBytes,
    concurrency,
    seconds: Number(imported.seconds.toFixed(2)),
    created: imported.created,
    skipped: imported.skipped,
    failed: imported.failed,
    rowsPerSecond: Number(rowsPerSecond.toFixed(1)),
    thumbnailsPerSecond: Number(thumbnailsPerSecond.toFixed(1)),
    peakRssMb: Math.round(peakRssMb),
    browserRows: browser.rows,
    browserFirstPageMs: browser.firstPageMs,
    browserDeepPageMs: browser.deepPageMs,
    browserTextSearchMs: browser.textSearchMs,
    machine: info,
  };
  console.log(JSON.stringify(figures));
} finally {
  await services.stop();
}
