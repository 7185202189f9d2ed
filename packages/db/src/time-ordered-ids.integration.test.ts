// Row ids are UUID version 7 (migration time_ordered_ids): they carry their creation time and sort
// by it, on the real PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from './client';

let db: Db;
beforeAll(() => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Integration tests need DATABASE_URL (run: npm run test:integration)');
  db = createDb(url, { max: 1 });
});
afterAll(() => db.$disconnect());

const VERSION_7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The Unix time in milliseconds that a version 7 id starts with. */
const idMillis = (id: string) => parseInt(id.replaceAll('-', '').slice(0, 12), 16);

async function newId(): Promise<{ id: string; millis: number }> {
  const [row] = await db.$queryRaw<{ id: string; millis: bigint }[]>`
    SELECT uuid_v7()::text AS id, (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS millis`;
  return { id: row!.id, millis: Number(row!.millis) };
}

describe('time-ordered ids', () => {
  it('are version 7 UUIDs that start with the time they were made', async () => {
    const { id, millis } = await newId();
    expect(id).toMatch(VERSION_7);
    // Made just before the clock was read (which is rounded, the id's time truncated).
    expect(millis - idMillis(id)).toBeGreaterThanOrEqual(0);
    expect(millis - idMillis(id)).toBeLessThanOrEqual(5);
  });

  it('sort in the order they were made, as text and as uuid', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await newId()).id);
      // A new millisecond each time: ids made within the same microsecond are in random order.
      await db.$executeRaw`SELECT pg_sleep(0.002)`;
    }
    expect([...ids].sort()).toEqual(ids);
    const [sorted] = await db.$queryRaw<{ ids: string[] }[]>`
      SELECT array_agg(id::text ORDER BY id) AS ids FROM unnest(${ids}::uuid[]) AS id`;
    expect(sorted!.ids).toEqual(ids);
  });

  it('are never repeated, even within one statement', async () => {
    const [row] = await db.$queryRaw<{ distinct: number }[]>`
      SELECT count(DISTINCT uuid_v7())::int AS distinct FROM generate_series(1, 10000)`;
    expect(row!.distinct).toBe(10000);
  });

  it('are what new rows get when no id is given', async () => {
    const team = await db.team.create({
      data: { name: 'Id probe', slug: `id-probe-${randomUUID()}` },
      select: { id: true },
    });
    try {
      expect(team.id).toMatch(VERSION_7);
    } finally {
      await db.team.delete({ where: { id: team.id } });
    }
  });
});
