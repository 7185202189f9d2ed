// Writes a new migration folder for the changes in prisma/schema.prisma that the committed
// migrations do not have yet. Usage: npm run db:diff -- <migration_name>
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../packages/db/src/migrate';
import { diffMigrationsToSchema } from './lib/migration-diff';
import { REPO_ROOT } from './lib/paths';
import { resolveDatabaseServer } from './lib/services';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:diff -- <migration_name>  (lowercase letters, digits, _)');
  process.exit(2);
}

const server = await resolveDatabaseServer();
try {
  const sql = await diffMigrationsToSchema(server.url);
  if (!sql) {
    console.log('prisma/schema.prisma matches the migrations: nothing to write.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'migration.sql'), sql + '\n');
    console.log(`Wrote ${path.relative(REPO_ROOT, dir)}/migration.sql`);
  }
} finally {
  await server.stop();
}
