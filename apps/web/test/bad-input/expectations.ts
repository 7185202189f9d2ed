// What every bad-input case checks besides its own outcome: the error says what is wrong, the
// answer leaks nothing, and no row or file was written.
import type { Db } from '@captionary/db';
import { TRPCError } from '@trpc/server';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';

// Stack frames, source paths and package internals never belong in an answer.
const STACK_TRACE = /\bat [^\n]*:\d+:\d+|node_modules|\.[cm]?[jt]sx?:\d+|\/work\/|\/tmp\//;
// What secrets and private files look like: password hashes, keys, /etc/passwd lines.
const SECRET_SHAPES = /\$argon2|-----BEGIN|root:x:0:0|whsec_|cap_[A-Za-z0-9_-]{16,}/;
const SECRET_ENV = ['NEXTAUTH_SECRET', 'DATA_ENCRYPTION_KEY', 'DATABASE_URL', 'REDIS_URL'];

/** Fails when `text` holds a stack trace, a secret shape, a secret env value or any of `secrets`. */
export function expectNoLeak(text: string, secrets: readonly string[] = []): void {
  expect(text).not.toMatch(STACK_TRACE);
  expect(text).not.toMatch(SECRET_SHAPES);
  for (const name of SECRET_ENV) {
    const value = process.env[name];
    if (value) expect(text).not.toContain(value);
  }
  for (const secret of secrets) expect(text).not.toContain(secret);
}

/** A REST answer in the API's error shape with this status, code and message. */
export async function expectRestError(
  response: Response,
  status: number,
  code: string,
  message: RegExp,
  secrets: readonly string[] = [],
): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expectNoLeak(text, secrets);
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
}

/** A tRPC procedure call that fails with this code and a message matching `message`. */
export async function expectTrpcError(
  call: Promise<unknown>,
  code: TRPCError['code'],
  message: RegExp,
): Promise<void> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  expect(trpcError.code, trpcError.message).toBe(code);
  expect(trpcError.message).toMatch(message);
  expectNoLeak(trpcError.message);
}

const COUNTERS = {
  project: (db: Db) => db.project.count(),
  team: (db: Db) => db.team.count(),
  membership: (db: Db) => db.membership.count(),
  dataRow: (db: Db) => db.dataRow.count(),
  dataConnection: (db: Db) => db.dataConnection.count(),
  label: (db: Db) => db.label.count(),
  labelRevision: (db: Db) => db.labelRevision.count(),
  reviewComment: (db: Db) => db.reviewComment.count(),
  webhook: (db: Db) => db.webhook.count(),
  exportRecord: (db: Db) => db.export.count(),
} satisfies Record<string, (db: Db) => Promise<number>>;

export type CountedTable = keyof typeof COUNTERS;

/** Row counts of `tables`, to compare before and after a case. */
export async function countRows(
  db: Db,
  tables: readonly CountedTable[],
): Promise<Partial<Record<CountedTable, number>>> {
  const counts: Partial<Record<CountedTable, number>> = {};
  for (const table of tables) counts[table] = await COUNTERS[table](db);
  return counts;
}

/** Runs `act` and fails when any of `tables` gained or lost rows meanwhile. */
export async function expectNoRowChanges<T>(
  db: Db,
  tables: readonly CountedTable[],
  act: () => Promise<T>,
): Promise<T> {
  const before = await countRows(db, tables);
  const result = await act();
  expect(await countRows(db, tables)).toEqual(before);
  return result;
}

/** Every file below `dir`, as paths relative to it (empty when `dir` does not exist). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}
