// `npm start`: brings up the whole platform on this machine — PostgreSQL and Redis (found or
// started), migrations, the demo team on an empty database, the tiny model, the web app on PORT
// (default 3000), the supervised jobs process (imports, exports, sync-back runs, webhooks) and a
// supervised inference worker. Ctrl+C stops everything it started.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ensureTinyModel,
  ensureWebBuild,
  prepareDatabase,
  startJobs,
  startWeb,
  startWorker,
  waitForWeb,
} from './lib/platform';
import { REPO_ROOT } from './lib/paths';
import { startServices } from './lib/services';

const port = Number(process.env.PORT ?? 3000);
const services = await startServices();
console.log(`database: ${redact(services.databaseUrl)}\nredis:    ${services.redisUrl}`);

const credentials = await prepareDatabase(services.databaseUrl);
if (credentials) {
  const file = path.join(REPO_ROOT, '.demo-credentials.json');
  writeFileSync(file, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
}
await ensureTinyModel();
await ensureWebBuild();

const env = { databaseUrl: services.databaseUrl, redisUrl: services.redisUrl, port };
const web = startWeb(env);
const jobs = startJobs(env);
const worker = startWorker(env);
await waitForWeb(port);

console.log(`\nCaptionary is running at http://localhost:${port}`);
if (credentials) {
  console.log(
    '\nDemo team created. Sign-ins (also saved to .demo-credentials.json, shown only now):',
  );
  for (const user of credentials.users)
    console.log(`  ${user.role.padEnd(8)} ${user.email}  ${user.password}`);
  console.log(`  API key (owner): ${credentials.apiKey.key}`);
} else {
  console.log(
    'Sign in with your accounts (the demo sign-ins are in .demo-credentials.json if this machine seeded them).',
  );
}

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  await Promise.all([worker.stop(), jobs.stop(), web.stop()]);
  await services.stop();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
