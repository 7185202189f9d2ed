// Inference workers the way `npm start` runs them: the real worker process, under the same
// supervisor, which starts it again when it dies. WORKER_LOGS=1 prints their output.
import { supervise, type Supervised } from '../../../../scripts/lib/processes';
import { WORKER_COMMAND } from '../../../../scripts/lib/platform';

export interface WorkerSettings {
  DATABASE_URL: string;
  REDIS_URL: string;
  MODEL_DIR: string;
  STORAGE_DIR: string;
  QUEUE_PREFIX: string;
}

/** Settings beyond the required ones (BATCH_LOCK_MS, WORKER_CONCURRENCY, …) pass through too. */
export function superviseWorkers(
  count: number,
  settings: WorkerSettings & Record<string, string>,
): Supervised[] {
  return Array.from({ length: count }, (_, i) =>
    supervise(`worker-${i + 1}`, WORKER_COMMAND.command, WORKER_COMMAND.args, {
      cwd: WORKER_COMMAND.cwd,
      env: {
        ...process.env,
        EXECUTION_PROVIDERS: 'cpu',
        INFERENCE_THREADS: '1',
        ...settings,
      },
      quiet: process.env.WORKER_LOGS !== '1',
    }),
  );
}

/** SIGKILL for whatever is left; the tests' own assertions are done by then. */
export async function stopWorkers(workers: Supervised[]): Promise<void> {
  await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
}
