// What a refused request must leave untouched: the row count of every table, and the keys of
// the BullMQ queues (an added job always adds a key under the queue prefix).
import type { Db } from '@captionary/db';
import type { Redis } from 'ioredis';

export interface StateSnapshot {
  rowCounts: Record<string, number>;
  queueKeys: string[];
}

let countQuery: string | undefined;

/** One UNION ALL query counting every table of the schema (built once per process). */
async function rowCountQuery(db: Db): Promise<string> {
  if (countQuery) return countQuery;
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT tablename AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
    ORDER BY tablename`;
  countQuery = tables
    .map(({ name }) => {
      const quoted = `"${name.replaceAll('"', '""')}"`;
      return `SELECT '${name.replaceAll("'", "''")}' AS name, count(*)::int AS rows FROM ${quoted}`;
    })
    .join(' UNION ALL ');
  return countQuery;
}

/** Every Redis key under `prefix`. */
export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

async function queueKeys(redis: Redis, prefix: string): Promise<string[]> {
  // A queue writes its meta key when it is first opened, enqueued or not; every added job adds
  // a key of its own. Rate-limit counters share the prefix and count every request, refused or
  // not: they record that a request came, not work it started.
  const rateLimits = `${prefix}:rate-limit:`;
  return (await keysUnder(redis, prefix))
    .filter((key) => !key.endsWith(':meta') && !key.startsWith(rateLimits))
    .sort();
}

/** Row counts of all tables and the queue keys under `queuePrefix`. */
export async function snapshotState(
  db: Db,
  redis: Redis,
  queuePrefix: string,
): Promise<StateSnapshot> {
  const rows = await db.$queryRawUnsafe<{ name: string; rows: number }[]>(await rowCountQuery(db));
  return {
    rowCounts: Object.fromEntries(rows.map((row) => [row.name, row.rows])),
    queueKeys: await queueKeys(redis, queuePrefix),
  };
}
