// Imported first by benchmarks that decode images. Decoding runs on libuv's thread pool, which Node
// sizes once, when the process starts; the worker's launchers give it recommendedDecodeThreads().
// When the benchmark was started without that setting, this re-runs it with the worker's, so that
// its figures measure what the worker does.
import { spawnSync } from 'node:child_process';
import { recommendedDecodeThreads } from '../src/preprocess/decode-threads';

if (process.env.UV_THREADPOOL_SIZE === undefined) {
  const rerun = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, UV_THREADPOOL_SIZE: String(recommendedDecodeThreads()) },
  });
  process.exit(rerun.status ?? 1);
}
