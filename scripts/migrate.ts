// Applies prisma/migrations to the platform database (npm run db:migrate).
import { applyMigrations } from '../packages/db/src/migrate';
import { startServices } from './lib/services';

const services = await startServices();
try {
  const applied = await applyMigrations(services.databaseUrl);
  console.log(applied.length ? `applied ${applied.length} migration(s)` : 'database is up to date');
} finally {
  await services.stop();
}
