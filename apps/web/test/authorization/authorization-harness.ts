// Setup shared by the authorization tests: an environment of their own (queue prefix, storage
// folder, webhook allow-list, encryption key), the world of two teams, and the refusal checks.
import { ObjectStorage, type Db } from '@captionary/db';
import { TRPCError } from '@trpc/server';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, vi } from 'vitest';
import { getDb } from '../../src/server/db';
import { getCaptionQueue } from '../../src/server/queue';
import { getRedis } from '../../src/server/redis';
import { getExportQueue } from '../../src/server/services/exports/export-queue';
import { getDataImportQueue } from '../../src/server/services/imports/import-runtime';
import { getSyncRunQueue } from '../../src/server/services/sync/sync-runtime';
import { getWebhookDeliveryQueue } from '../../src/server/services/webhooks/webhook-producer';
import { solidJpeg } from '../../src/server/testing/caption-fixtures';
import { testDb } from '../../src/server/testing/fixtures';
import {
  createAuthorizationWorld,
  WEBHOOK_TEST_HOST,
  type AuthorizationWorld,
} from './authorization-world';
import { keysUnder, snapshotState, type StateSnapshot } from './side-effects';

export interface Harness {
  world: AuthorizationWorld;
  db: Db;
  snapshot: () => Promise<StateSnapshot>;
  close: () => Promise<void>;
}

/** Sets the environment up before any server module reads it, then builds the world. */
export async function openHarness(): Promise<Harness> {
  const queuePrefix = `authz-${randomUUID()}`;
  const storageDir = mkdtempSync(path.join(tmpdir(), 'captionary-authz-'));
  vi.stubEnv('QUEUE_PREFIX', queuePrefix);
  vi.stubEnv('STORAGE_DIR', storageDir);
  vi.stubEnv('IMPORT_ALLOW_HOSTS', WEBHOOK_TEST_HOST);
  vi.stubEnv('DATA_ENCRYPTION_KEY', randomBytes(32).toString('base64'));
  const db = testDb();
  const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1 });
  const world = await createAuthorizationWorld(db);
  // The image of the row that image requests name, so the allowed caller really gets it.
  const row = await db.dataRow.findUniqueOrThrow({
    where: { id: world.a.rowId },
    select: { storageKey: true },
  });
  await new ObjectStorage(storageDir).write(row.storageKey, await solidJpeg(1));
  return {
    world,
    db,
    snapshot: () => snapshotState(db, redis, queuePrefix),
    async close() {
      const queues = [
        getCaptionQueue(),
        getExportQueue(),
        getDataImportQueue(),
        getSyncRunQueue(),
        getWebhookDeliveryQueue(),
      ];
      await Promise.all(queues.map((queue) => queue.close()));
      const keys = await keysUnder(redis, queuePrefix);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      getRedis().disconnect();
      await getDb().$disconnect();
      await db.$disconnect();
      rmSync(storageDir, { recursive: true, force: true });
      vi.unstubAllEnvs();
    },
  };
}

/** How a call ended: its value, or the error code (tRPC code or HTTP status) and message. */
export type Outcome = { ok: true; value: unknown } | { ok: false; code: string; message: string };

/** Runs a tRPC call and reports how it ended instead of throwing. */
export async function attempt(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

export function describeOutcome(outcome: Outcome): string {
  return outcome.ok ? 'OK' : `${outcome.code} (${outcome.message})`;
}

/** Codes that mean "not let in": the allowed caller must never get one of them. */
export const REFUSAL_CODES = ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'];

/** Asserts that `call` is refused with `code` and changes no table and no queue. */
export async function expectRefused(
  harness: Harness,
  label: string,
  code: string,
  call: () => Promise<Outcome>,
): Promise<void> {
  const before = await harness.snapshot();
  const outcome = await call();
  expect(outcome.ok ? 'OK' : outcome.code, `${label}: ${describeOutcome(outcome)}`).toBe(code);
  expect(await harness.snapshot(), `${label} left something behind`).toEqual(before);
}

/** The ids of `ids` that occur anywhere in `value` (as JSON). */
export function leakedIds(value: unknown, ids: string[]): string[] {
  const text = JSON.stringify(value ?? null, (_key, item: unknown) =>
    typeof item === 'bigint' ? item.toString() : item,
  );
  return ids.filter((id) => text.includes(id));
}
