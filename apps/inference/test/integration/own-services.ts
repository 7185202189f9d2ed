// A Redis and a PostgreSQL that belong to one test file, on free ports in temporary folders, so a
// test can stop and restart them without touching the servers every other test shares.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyMigrations } from '@captionary/db/migrate';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  startRedisServer,
  whichRedisServer,
  withDatabase,
} from '../../../../scripts/lib/services';
import { freePort } from '../../../../scripts/lib/free-port';

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface OwnRedis {
  url: string;
  /**
   * Stops the server with SIGTERM (it writes its append-only file on the way out) and starts it
   * again on the same port and folder. `loseData` empties the folder in between, as when a
   * server comes back without its volume.
   */
  restart(options?: { loseData?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** redis-server with the deployment's persistence: an append-only file in its own folder. */
export async function startOwnRedis(): Promise<OwnRedis> {
  const binary = whichRedisServer();
  if (!binary) throw new Error('redis-server must be on PATH for this test');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'captionary-redis-'));
  const port = await freePort();
  const start = () => startRedisServer(binary, () => {}, { dir, port });
  let server = await start();
  const stop = async () => {
    server.kill('SIGTERM');
    await exited(server);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    restart: async ({ loseData = false } = {}) => {
      await stop();
      if (loseData) {
        rmSync(dir, { recursive: true, force: true });
      }
      server = await start();
    },
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OwnPostgres {
  /** A migrated database on this server. */
  databaseUrl: string;
  /** Fast shutdown: open connections are cut, as when the server restarts. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The embedded PostgreSQL from the npm package, with a migrated database of its own. */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'captionary-pg-'));
  const dataDir = path.join(parent, 'data');
  const port = await freePort();
  let server: { url: string; stop(): Promise<void> } | null = null;
  const start = async () => {
    server = await startEmbeddedPostgres(() => {}, { dataDir, port });
  };
  const stop = async () => {
    await server?.stop();
    server = null;
  };
  await start();
  const databaseUrl = withDatabase(server!.url, 'captionary');
  await ensureDatabase(databaseUrl);
  await applyMigrations(databaseUrl, { log: () => {} });
  return {
    databaseUrl,
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
