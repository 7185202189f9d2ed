// Runs a test command against real services: finds (or starts) PostgreSQL and Redis, creates a
// fresh, migrated throwaway database, and passes DATABASE_URL and REDIS_URL to the command.
// Usage: tsx scripts/with-services.ts <command> [args...]
import { spawn } from 'node:child_process';
import { applyMigrations } from '../packages/db/src/migrate';
import { startServices } from './lib/services';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('Usage: tsx scripts/with-services.ts <command> [args...]');
  process.exit(2);
}

// A database of its own per run (dropped at the end), so that parallel runs never collide and a
// user's DATABASE_URL only lends its server.
const services = await startServices({
  database: `captionary_test_${process.pid}`,
  throwaway: true,
  log: () => {},
});
await applyMigrations(services.databaseUrl, { log: () => {} });

const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl },
});
const code: number = await new Promise((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
await services.stop();
process.exit(code);
