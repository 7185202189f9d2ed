// Starts the real inference worker (apps/inference) as a child process for end-to-end
// integration tests: the tiny model built into a temp folder, a storage folder and a BullMQ
// prefix of the test's own, and the worker's heartbeat awaited before the test goes on.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { WorkerHeartbeat } from '@captionary/shared';
import { readWorkerHeartbeats } from '../services/health';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../../..');
const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx');

export interface RunningWorker {
  modelName: string;
  stop: () => Promise<void>;
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/** Builds the tiny model and starts a worker on it; resolves once its heartbeat is in Redis. */
export async function startInferenceWorker(env: {
  databaseUrl: string;
  redisUrl: string;
  storageDir: string;
  queuePrefix: string;
}): Promise<RunningWorker> {
  const modelParent = await mkdtemp(path.join(tmpdir(), 'captionary-web-tiny-'));
  const modelDir = path.join(modelParent, 'tiny-blip2');
  const build = spawn(TSX, ['apps/inference/src/tiny-model/build.ts', '--out', modelDir], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if ((await waitForExit(build)) !== 0) throw new Error('building the tiny model failed');

  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/inference/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      MODEL_DIR: modelDir,
      STORAGE_DIR: env.storageDir,
      QUEUE_PREFIX: env.queuePrefix,
      EXECUTION_PROVIDERS: 'cpu',
      INFERENCE_THREADS: '1',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const redis = new Redis(env.redisUrl);
  try {
    const deadline = Date.now() + 60_000;
    let heartbeat: WorkerHeartbeat | undefined;
    while (!heartbeat) {
      if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('worker sent no heartbeat within 60 s');
      heartbeat = (await readWorkerHeartbeats(redis)).find((h) => h.pid === child.pid);
      if (!heartbeat) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return {
      modelName: heartbeat.model.name,
      stop: async () => {
        child.kill('SIGTERM');
        // SIGTERM drains the batches in flight and removes the worker's heartbeat.
        await waitForExit(child);
        await rm(modelParent, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await rm(modelParent, { recursive: true, force: true });
    throw error;
  } finally {
    redis.disconnect();
  }
}
