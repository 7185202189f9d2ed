// Environment and worker for import integration tests: a private storage folder, a private queue
// prefix (so no other process's worker takes the jobs), and the loopback hosts the test opens.
import type { Db } from '@captionary/db';
import type { Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { createDataImportWorker } from '../data-import-worker';
import { importDependencies } from '../import-runtime';

export interface ImportTestEnv {
  storageDir: string;
  queuePrefix: string;
}

/** Stubs the env the import code reads; call before anything reads serverEnv(). */
export async function stubImportEnv(extra: Record<string, string> = {}): Promise<ImportTestEnv> {
  const storageDir = await mkdtemp(path.join(tmpdir(), 'captionary-storage-'));
  const queuePrefix = `test-imports-${process.pid}-${randomBytes(4).toString('hex')}`;
  vi.stubEnv('STORAGE_DIR', storageDir);
  vi.stubEnv('QUEUE_PREFIX', queuePrefix);
  vi.stubEnv('DATA_ENCRYPTION_KEY', randomBytes(32).toString('base64'));
  for (const [name, value] of Object.entries(extra)) vi.stubEnv(name, value);
  return { storageDir, queuePrefix };
}

/** A data-imports worker as the web process runs it, on the stubbed env. */
export function startTestImportWorker(db: Db, env: ImportTestEnv): Worker {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl)
    throw new Error('Integration tests need REDIS_URL (run: npm run test:integration)');
  return createDataImportWorker({
    ...importDependencies(db),
    redisUrl,
    prefix: env.queuePrefix,
    concurrency: 2,
  });
}

/** Polls the run until it finishes. */
export async function waitForImportRun(db: Db, importRunId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.importRun.findUniqueOrThrow({ where: { id: importRunId } });
    if (run.status === 'SUCCEEDED' || run.status === 'FAILED') return run;
    if (Date.now() > deadline)
      throw new Error(`import run still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
