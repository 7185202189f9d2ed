import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from './generated/prisma/client';
import { statementNamer } from './statement-names';

export type Db = PrismaClient;
/** The client inside an interactive transaction (`db.$transaction(async (tx) => …)`). */
export type DbTransaction = Prisma.TransactionClient;

/**
 * Creates a Prisma client on the pg driver adapter (the engine-free Prisma 7 client); repeated
 * statements are prepared once per connection (see statement-names.ts).
 */
export function createDb(databaseUrl: string, { max = 10 }: { max?: number } = {}): Db {
  const adapter = new PrismaPg(
    { connectionString: databaseUrl, max },
    { statementNameGenerator: statementNamer() },
  );
  return new PrismaClient({ adapter });
}
