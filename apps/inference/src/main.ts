// The inference worker process: loads the model into a pool of worker threads, registers its
// version, consumes caption batches from BullMQ, sweeps for batches the queue lost, and publishes a
// heartbeat. SIGTERM drains: no new batches are taken and the ones in flight finish before the
// process exits.
import { availableParallelism } from 'node:os';
import { Redis } from 'ioredis';
import { createDb, ObjectStorage } from '@captionary/db';
import { readEnv } from './env';
import { registerModelVersion } from './model/register-model-version';
import { recommendedDecodeThreads } from './preprocess/decode-threads';
import { startBatchSweeper } from './queue/batch-sweeper';
import { startCaptionBatchWorker } from './queue/caption-batch-worker';
import { startHeartbeat } from './queue/heartbeat';
import { CaptionPool } from './runtime/caption-pool';

const env = readEnv();
const pool = await CaptionPool.start({
  model: {
    kind: 'onnx',
    modelDir: env.MODEL_DIR,
    executionProviders: env.EXECUTION_PROVIDERS,
    resizeMode: env.RESIZE_MODE,
  },
  size: env.INFERENCE_THREADS,
});
const db = createDb(env.DATABASE_URL, { max: env.WORKER_CONCURRENCY + 2 });
const modelVersionId = await registerModelVersion(db, pool.info);
const provider = pool.info.executionProvider ?? 'cpu';
console.log(
  `model ${pool.info.name} (${pool.info.checksum.slice(0, 12)}) on ${provider}, ` +
    `${env.INFERENCE_THREADS} thread(s), ${env.RESIZE_MODE} resize on ` +
    `${env.UV_THREADPOOL_SIZE} decode thread(s)` +
    (pool.info.tiny ? ' — the tiny model: captions are placeholders' : ''),
);
const cores = availableParallelism();
if (env.UV_THREADPOOL_SIZE < cores) {
  console.warn(
    `images decode on ${env.UV_THREADPOOL_SIZE} threads for ${cores} cores: start the worker ` +
      `with UV_THREADPOOL_SIZE=${recommendedDecodeThreads()} (as npm start does) to use them all`,
  );
}

const batches = startCaptionBatchWorker(
  { db, storage: new ObjectStorage(env.STORAGE_DIR), captioner: pool, modelVersionId },
  {
    redisUrl: env.REDIS_URL,
    concurrency: env.WORKER_CONCURRENCY,
    prefix: env.QUEUE_PREFIX,
    lockMs: env.BATCH_LOCK_MS,
  },
);
const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
const heartbeat = startHeartbeat(
  redis,
  { name: pool.info.name, checksum: pool.info.checksum, tiny: pool.info.tiny, provider },
  batches.busy,
  env.HEARTBEAT_FILE,
);
const sweeper = startBatchSweeper(db, {
  redisUrl: env.REDIS_URL,
  prefix: env.QUEUE_PREFIX,
  intervalMs: env.QUEUE_SWEEP_MS,
});
console.log(`worker ${heartbeat.workerId} is taking caption batches`);

let stopping = false;
async function drainAndExit(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing ${batches.busy()} batch(es) in flight, then stopping`);
  await batches.close(); // waits for the batches in flight
  await sweeper.stop();
  await heartbeat.stop();
  await pool.close();
  await redis.quit();
  await db.$disconnect();
  process.exit(0);
}
process.on('SIGTERM', () => void drainAndExit('SIGTERM'));
process.on('SIGINT', () => void drainAndExit('SIGINT'));
