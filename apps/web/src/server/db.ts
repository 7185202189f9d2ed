import { createDb, type Db } from '@captionary/db';
import { serverEnv } from '../env';

// One pool per server process. Kept on globalThis because `next dev` re-evaluates modules on
// every edit, and each evaluation would otherwise open a new pool.
const holder = globalThis as typeof globalThis & { captionaryDb?: Db };

/** The process-wide Prisma client. */
export function getDb(): Db {
  holder.captionaryDb ??= createDb(serverEnv().DATABASE_URL);
  return holder.captionaryDb;
}
