// Rows and labels for sync tests, written straight to the database: the tests are about what a
// sync publishes for given label states, not about how imports and reviews reach those states.
import type { Db, LabelStatus } from '@captionary/db';
import type { Worker } from 'bullmq';
import { createHash, randomBytes } from 'node:crypto';
import { vi } from 'vitest';
import { importSettingsFromEnv } from '../../imports/import-settings';
import { createSyncWorker } from '../sync-worker';

/** Stubs the env the sync code reads, with a private queue prefix; call before serverEnv(). */
export function stubSyncEnv(extra: Record<string, string>): { queuePrefix: string } {
  const queuePrefix = `test-sync-${process.pid}-${randomBytes(4).toString('hex')}`;
  vi.stubEnv('QUEUE_PREFIX', queuePrefix);
  vi.stubEnv('DATA_ENCRYPTION_KEY', randomBytes(32).toString('base64'));
  for (const [name, value] of Object.entries(extra)) vi.stubEnv(name, value);
  return { queuePrefix };
}

/** A sync worker as the web process runs it, on the stubbed env. */
export function startTestSyncWorker(db: Db, queuePrefix: string): Worker {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl)
    throw new Error('Integration tests need REDIS_URL (run: npm run test:integration)');
  return createSyncWorker({ db, settings: importSettingsFromEnv(), redisUrl, prefix: queuePrefix });
}

/** A data row of `connectionId` for the image at `externalId`. */
export async function addRow(
  db: Db,
  projectId: string,
  connectionId: string,
  externalId: string,
): Promise<string> {
  const row = await db.dataRow.create({
    data: {
      projectId,
      connectionId,
      externalId,
      sourceUri: externalId,
      storageKey: `test/${externalId}`,
      sha256: createHash('sha256').update(externalId).digest('hex'),
      mimeType: 'image/jpeg',
      byteSize: 1,
      width: 1,
      height: 1,
    },
    select: { id: true },
  });
  return row.id;
}

/** Gives the row a label in `status`; approval time is set on approval and kept otherwise. */
export async function setLabel(
  db: Db,
  projectId: string,
  dataRowId: string,
  caption: string,
  status: LabelStatus,
  { clearApproval = false } = {},
): Promise<void> {
  const approvedAt = status === 'APPROVED' ? new Date() : clearApproval ? null : undefined;
  await db.label.upsert({
    where: { dataRowId },
    create: { projectId, dataRowId, caption, status, approvedAt: approvedAt ?? null },
    update: { caption, status, ...(approvedAt !== undefined ? { approvedAt } : {}) },
  });
}

/** Polls the run until it finishes. */
export async function waitForSyncRun(db: Db, syncRunId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: syncRunId } });
    if (run.status === 'SUCCEEDED' || run.status === 'FAILED') return run;
    if (Date.now() > deadline)
      throw new Error(`sync run still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
