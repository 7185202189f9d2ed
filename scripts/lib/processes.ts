// Child processes of `npm start` and the e2e runner: output prefixed with the process's name,
// and a supervisor that restarts a process that dies (as the compose file's restart policy does).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import readline from 'node:readline';

/** How many of a quiet process's last output lines are kept to explain an unexpected exit. */
const KEPT_LINES = 30;

/** Prints the child's output prefixed with its name; returns its last lines when `quiet`. */
function pipeWithPrefix(child: ChildProcess, name: string, quiet: boolean): () => string[] {
  const lastLines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on('line', (line) => {
      if (!quiet) return console.log(`[${name}] ${line}`);
      lastLines.push(line);
      if (lastLines.length > KEPT_LINES) lastLines.shift();
    });
  }
  return () => lastLines;
}

export interface Supervised {
  /** The process running now (replaced after each restart). */
  current(): ChildProcess;
  restarts(): number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Runs a command once and resolves with its exit code. */
export function runOnce(command: string, args: string[], options: SpawnOptions & { name: string }) {
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    pipeWithPrefix(child, options.name, false);
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/**
 * Starts a long-running process and restarts it when it exits unexpectedly, waiting a little
 * longer after each quick crash so a process that cannot start does not spin.
 */
export function supervise(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions & { quiet?: boolean } = {},
): Supervised {
  let child: ChildProcess;
  let stopping = false;
  let restarts = 0;
  let delayMs = 500;
  const start = () => {
    const startedAt = Date.now();
    child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const lastLines = pipeWithPrefix(child, name, options.quiet ?? false);
    child.once('exit', (code, signal) => {
      if (stopping) return;
      delayMs = Date.now() - startedAt > 30_000 ? 500 : Math.min(delayMs * 2, 15_000);
      // A quiet process's death is still explained: its last words come with the notice.
      for (const line of lastLines()) console.log(`[${name}] ${line}`);
      console.log(`[${name}] exited (${signal ?? code}); restarting in ${delayMs} ms`);
      restarts++;
      setTimeout(() => !stopping && start(), delayMs);
    });
  };
  start();
  return {
    current: () => child,
    restarts: () => restarts,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => (clearTimeout(force), resolve()));
        child.kill(signal);
      }),
  };
}
