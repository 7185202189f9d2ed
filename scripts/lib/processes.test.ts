// The supervisor `npm start` runs the web app and the inference worker under: a child that dies
// is started again, and once the supervisor is stopped nothing is restarted any more.
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { supervise, type Supervised } from './processes';

// A child that runs until it is killed.
const LONG_RUNNING = ['-e', 'setInterval(() => {}, 1000)'];

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

async function until(check: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('supervise', () => {
  const supervised: Supervised[] = [];
  const start = (args: string[]) => {
    const process_ = supervise('test', process.execPath, args, { quiet: true });
    supervised.push(process_);
    return process_;
  };
  afterEach(async () => {
    await Promise.all(supervised.splice(0).map((s) => s.stop('SIGKILL')));
  });

  it('starts a new process after the running one is killed', { timeout: 20_000 }, async () => {
    const worker = start(LONG_RUNNING);
    const first = worker.current();
    first.kill('SIGKILL');
    await exited(first);
    expect(worker.restarts()).toBe(1);

    await until(() => worker.current() !== first);
    const second = worker.current();
    expect(second.pid).not.toBe(first.pid);
    expect(alive(second)).toBe(true);
  });

  it(
    'restarts a process that exits with an error code by itself',
    { timeout: 20_000 },
    async () => {
      const worker = start(['-e', 'setTimeout(() => process.exit(3), 50)']);
      const first = worker.current();
      await exited(first);
      expect(first.exitCode).toBe(3);
      await until(() => worker.current() !== first);
    },
  );

  it('stops the process on stop() and never restarts it', { timeout: 20_000 }, async () => {
    const worker = start(LONG_RUNNING);
    const child = worker.current();
    await worker.stop();
    expect(child.signalCode).toBe('SIGTERM');
    // Longer than the first restart delay: nothing comes back.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(worker.current()).toBe(child);
    expect(worker.restarts()).toBe(0);
  });

  it(
    'cancels a pending restart when stopped between a crash and the restart',
    {
      timeout: 20_000,
    },
    async () => {
      const worker = start(LONG_RUNNING);
      const child = worker.current();
      child.kill('SIGKILL');
      await exited(child);
      await worker.stop(); // the restart is still waiting out its delay
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(worker.current()).toBe(child);
      expect(worker.restarts()).toBe(1);
    },
  );
});
