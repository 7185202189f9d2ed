// Environment for export integration tests: the secret and a private storage folder and queue
// prefix, so that no other process's worker takes this test's jobs.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';

export interface ExportTestEnv {
  databaseUrl: string;
  redisUrl: string;
  storageDir: string;
  queuePrefix: string;
}

/** Stubs the env the export code reads; call before anything reads serverEnv(). */
export async function stubExportEnv(): Promise<ExportTestEnv> {
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!databaseUrl || !redisUrl) {
    throw new Error('Integration tests need DATABASE_URL and REDIS_URL (npm run test:integration)');
  }
  const storageDir = await mkdtemp(path.join(tmpdir(), 'captionary-exports-'));
  const queuePrefix = `test-exports-${process.pid}-${randomBytes(4).toString('hex')}`;
  vi.stubEnv('STORAGE_DIR', storageDir);
  vi.stubEnv('QUEUE_PREFIX', queuePrefix);
  return { databaseUrl, redisUrl, storageDir, queuePrefix };
}
