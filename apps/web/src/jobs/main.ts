// The jobs process: the web app's background work — data imports, exports, sync-back runs and
// webhook deliveries, with their sweeps — in a process of its own, so the web server only serves
// HTTP (without sharp, the S3 client and the BullMQ workers in memory) and a slow import or a crash
// here never takes it down. Several may run against the same Redis: BullMQ hands each job to one,
// and the sweeps' schedules live in Redis. It publishes a heartbeat for /api/health. SIGTERM
// drains: no new jobs are taken and the running ones finish before the process exits.
import { assertServerEnv } from '../env-check';
import { getDb } from '../server/db';
import { getRedis } from '../server/redis';
import { startJobsHeartbeat } from './jobs-heartbeat';
import { startJobWorkers } from './start-job-workers';

assertServerEnv();
const workers = startJobWorkers();
for (const { role, worker } of workers) {
  console.log(`${role}: taking jobs from ${worker.name} (concurrency ${worker.concurrency})`);
}
const redis = getRedis();
const heartbeat = startJobsHeartbeat(
  redis,
  workers.map(({ worker }) => worker.name),
);
console.log(`jobs process ${heartbeat.processId} is running`);

let stopping = false;
async function drainAndExit(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing the running jobs, then stopping`);
  // close() waits for the jobs in flight.
  const results = await Promise.allSettled(workers.map(({ worker }) => worker.close()));
  for (const [index, result] of results.entries()) {
    if (result.status === 'rejected') {
      console.error(`closing the worker for ${workers[index]!.role}: ${result.reason}`);
    }
  }
  await heartbeat.stop();
  redis.disconnect();
  await getDb().$disconnect();
  process.exit(0);
}
process.on('SIGTERM', () => void drainAndExit('SIGTERM'));
process.on('SIGINT', () => void drainAndExit('SIGINT'));
