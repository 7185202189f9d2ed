// The steps `npm start` and the e2e runner share: prepare the database, the secret, the tiny
// model and the web build, then run the web app, the jobs process and a supervised inference
// worker.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { recommendedDecodeThreads } from '../../apps/inference/src/preprocess/decode-threads';
import { createDb, seedDemoTeam, type DemoCredentials } from '../../packages/db/src/index';
import { applyMigrations } from '../../packages/db/src/migrate';
import { DATA_DIR, REPO_ROOT } from './paths';
import { runOnce, supervise, type Supervised } from './processes';

const WEB_DIR = path.join(REPO_ROOT, 'apps/web');
const INFERENCE_DIR = path.join(REPO_ROOT, 'apps/inference');
export const TINY_MODEL_DIR = path.join(REPO_ROOT, 'models/tiny-blip2');
const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
/** Next.js's command-line entry, run by this node (with the web server's V8 flags for `start`). */
const NEXT_ENTRY = path.join(REPO_ROOT, 'node_modules/next/dist/bin/next');

/** Migrates the database and seeds the demo team when it has no users yet. */
export async function prepareDatabase(databaseUrl: string): Promise<DemoCredentials | null> {
  await applyMigrations(databaseUrl);
  const db = createDb(databaseUrl, { max: 2 });
  try {
    return await seedDemoTeam(db);
  } finally {
    await db.$disconnect();
  }
}

/** NEXTAUTH_SECRET from the environment, or one generated on first start and kept in .data/. */
export function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(DATA_DIR, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * DATA_ENCRYPTION_KEY (32 bytes, base64) from the environment, or one generated on first start
 * and kept in .data/: it encrypts connection credentials at rest, so it must outlive restarts.
 */
export function dataEncryptionKey(): string {
  if (process.env.DATA_ENCRYPTION_KEY) return process.env.DATA_ENCRYPTION_KEY;
  const file = path.join(DATA_DIR, 'encryption-key');
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** Builds the tiny BLIP-2-contract model when the folder has none yet. */
export async function ensureTinyModel(): Promise<void> {
  if (existsSync(path.join(TINY_MODEL_DIR, 'manifest.json'))) return;
  console.log('building the tiny model (models/tiny-blip2)…');
  const code = await runOnce(TSX, ['src/tiny-model/build.ts'], {
    cwd: INFERENCE_DIR,
    name: 'model',
  });
  if (code !== 0) throw new Error('building the tiny model failed');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.next' || entry.name.startsWith('.'))
      continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs `next build` when there is no build yet or the sources changed since the last one. */
export async function ensureWebBuild(): Promise<void> {
  const buildId = path.join(WEB_DIR, '.next/BUILD_ID');
  const sources = Math.max(newestMtime(WEB_DIR), newestMtime(path.join(REPO_ROOT, 'packages')));
  if (existsSync(buildId) && statSync(buildId).mtimeMs > sources) return;
  console.log('building the web app (next build)…');
  const code = await runOnce(process.execPath, [NEXT_ENTRY, 'build'], {
    cwd: WEB_DIR,
    name: 'build',
    // The build imports server modules; a placeholder secret satisfies their env check at build
    // time only (the running server gets the real one).
    env: {
      ...process.env,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'build-time-placeholder-secret-0000000000',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  if (code !== 0) throw new Error('next build failed');
}

export interface PlatformEnv {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  modelDir?: string;
  /** The folder server-folder connections read below (DATA_ROOT); else the environment's. */
  dataRoot?: string;
  /** Private `host:port` entries imports may reach (IMPORT_ALLOW_HOSTS); else the environment's. */
  importAllowHosts?: string[];
}

function childEnv({
  databaseUrl,
  redisUrl,
  port,
  modelDir,
  dataRoot,
  importAllowHosts,
}: PlatformEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...(dataRoot !== undefined ? { DATA_ROOT: dataRoot } : {}),
    ...(importAllowHosts !== undefined ? { IMPORT_ALLOW_HOSTS: importAllowHosts.join(',') } : {}),
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    PORT: String(port),
    NEXTAUTH_SECRET: authSecret(),
    DATA_ENCRYPTION_KEY: dataEncryptionKey(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    MODEL_DIR: modelDir ?? process.env.MODEL_DIR ?? TINY_MODEL_DIR,
    // One storage folder for every process: the web app and the jobs process write originals, the
    // worker reads them.
    STORAGE_DIR: process.env.STORAGE_DIR ?? path.join(DATA_DIR, 'storage'),
    NEXT_TELEMETRY_DISABLED: '1',
  };
}

/**
 * glibc gives threads that allocate their own malloc arenas and rarely hands arena memory back:
 * the idle web server held ~60 MB in four arenas of its helper threads.
 * Two arenas measured 15-20 MB less resident memory. (The inference worker keeps the default:
 * libvips and onnxruntime allocate from many threads at once.)
 */
const WEB_MALLOC_ARENAS = '2';

/**
 * V8 flags of the web server (also in apps/web's `start` script, which the image runs).
 * `--no-page-promotion`: V8 moves a young-generation page whole into the old generation when most
 * of it is alive at a scavenge. An export reads rows in stripes of a few hundred, and a page full of
 * a stripe still being read is promoted although its rows die milliseconds later; now and then an
 * export fell into doing that for nearly every stripe, and the old generation swung between 100
 * and 240 MB (peak resident 415-440 MB instead of ~230). Without page promotion the rows are
 * copied within the young generation and die there: no such run in 18 tries (about one in six
 * before), and the same rows/s.
 */
const WEB_NODE_FLAGS = ['--no-page-promotion'];

export function startWeb(env: PlatformEnv, { quiet = false } = {}): Supervised {
  const args = [...WEB_NODE_FLAGS, NEXT_ENTRY, 'start', '-p', String(env.port)];
  return supervise('web', process.execPath, args, {
    cwd: WEB_DIR,
    env: { ...childEnv(env), MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? WEB_MALLOC_ARENAS },
    quiet,
  });
}

/**
 * A TypeScript entry point run as one process (node with tsx's loader), not through the tsx
 * command: that one runs the program in a child of its own, which a SIGKILL of the supervised
 * process would leave running.
 */
function tsxEntry(cwd: string, entry: string) {
  return { command: process.execPath, args: ['--import', 'tsx', entry], cwd };
}

/** The inference worker. */
export const WORKER_COMMAND = tsxEntry(INFERENCE_DIR, 'src/main.ts');
/** The web app's jobs process (imports, exports, sync-back runs, webhooks). */
const JOBS_COMMAND = tsxEntry(WEB_DIR, 'src/jobs/main.ts');

function superviseEntry(
  name: string,
  { command, args, cwd }: ReturnType<typeof tsxEntry>,
  env: NodeJS.ProcessEnv,
  quiet: boolean,
): Supervised {
  return supervise(name, command, args, { cwd, env, quiet });
}

/** Starts the inference worker, its libuv pool sized for decoding (recommendedDecodeThreads). */
export function startWorker(env: PlatformEnv, { quiet = false } = {}): Supervised {
  const workerEnv = {
    ...childEnv(env),
    UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? String(recommendedDecodeThreads()),
  };
  return superviseEntry('worker', WORKER_COMMAND, workerEnv, quiet);
}

/** Starts the jobs process with the environment the web app gets. */
export function startJobs(env: PlatformEnv, { quiet = false } = {}): Supervised {
  return superviseEntry('jobs', JOBS_COMMAND, childEnv(env), quiet);
}

/** Waits until the web app answers /api/health (any status: it answers 503 while a service is down). */
export async function waitForWeb(port: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.status < 500 || response.status === 503) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the web app did not answer on port ${port} within ${timeoutMs / 1000} s`);
}
