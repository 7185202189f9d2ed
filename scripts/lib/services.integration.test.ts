import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { redisPing, startEmbeddedPostgres, startRedisServer, whichRedisServer } from './services';

// The fallbacks `npm start` uses on a laptop with no PostgreSQL or Redis running.
describe('local service fallbacks', () => {
  it(
    'starts the embedded PostgreSQL from the npm package and accepts queries',
    { timeout: 120_000 },
    async () => {
      const parent = mkdtempSync(path.join(os.tmpdir(), 'embedded-pg-'));
      const server = await startEmbeddedPostgres(() => {}, {
        dataDir: path.join(parent, 'pg'),
        port: 54391,
      });
      try {
        const client = new pg.Client({ connectionString: server.url });
        await client.connect();
        const { rows } = await client.query('SHOW server_version');
        await client.end();
        expect(Number(String(rows[0].server_version).split('.')[0])).toBeGreaterThanOrEqual(15);
      } finally {
        await server.stop();
      }
    },
  );

  it('starts redis-server from PATH with an append-only file', async () => {
    const binary = whichRedisServer();
    expect(binary, 'redis-server must be on PATH for this test').not.toBeNull();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'redis-'));
    const child = await startRedisServer(binary!, () => {}, { dir, port: 63791 });
    try {
      expect(await redisPing('redis://127.0.0.1:63791')).toBe(true);
      const appendonly = execFileSync('redis-cli', [
        '-p',
        '63791',
        'CONFIG',
        'GET',
        'appendonly',
      ]).toString();
      expect(appendonly).toContain('yes');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
