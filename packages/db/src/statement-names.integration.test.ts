// Repeated statements are prepared once per connection on the real PostgreSQL, raw and
// Prisma-built queries alike, and give the same answers as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from './client';

let db: Db;
beforeAll(() => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Integration tests need DATABASE_URL (run: npm run test:integration)');
  // One connection, so that every query below runs on the session whose statements are listed.
  db = createDb(url, { max: 1 });
});
afterAll(() => db.$disconnect());

const preparedCount = async (fragment: string) => {
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM pg_prepared_statements
    WHERE statement LIKE '%' || ${fragment} || '%' AND statement NOT LIKE '%pg_prepared_statements%'`;
  return row!.count;
};

describe('prepared statements', () => {
  it('prepares a repeated statement once and answers each run with its own parameters', async () => {
    const answers: number[] = [];
    for (const n of [1, 2, 3]) {
      const [row] = await db.$queryRaw<{ doubled: number }[]>`
        SELECT ${n}::int * 2 AS doubled, 'prepared-statement-probe' AS probe`;
      answers.push(row!.doubled);
    }
    expect(answers).toEqual([2, 4, 6]);
    expect(await preparedCount('prepared-statement-probe')).toBe(1);
  });

  it('prepares queries that Prisma builds', async () => {
    await db.team.findMany({ where: { slug: 'no-such-team-a' }, select: { id: true } });
    await db.team.findMany({ where: { slug: 'no-such-team-b' }, select: { id: true } });
    expect(await preparedCount('"Team"')).toBe(1);
  });
});
