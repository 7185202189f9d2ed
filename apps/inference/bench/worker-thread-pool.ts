// Imported first by benchmarks that decode images. Decoding runs on libuv's thread pool, which Node
// sizes once, when the process starts; the worker is started with two threads per core
// (scripts/lib/platform.ts). When the benchmark was started without that setting, this re-runs it
// with the worker's, so that its figures measure what the worker does.
import { spawnSync } from 'node:child_process';
import { workerThreadPoolSize } from '../../../scripts/lib/platform';

if (process.env.UV_THREADPOOL_SIZE === undefined) {
  const rerun = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, UV_THREADPOOL_SIZE: workerThreadPoolSize() },
  });
  process.exit(rerun.status ?? 1);
}
