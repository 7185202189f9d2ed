// Streamed exports whose client goes away: over a real loopback socket the client reads the first
// bytes and hangs up, or it leaves before the server sends the body at all. Either way the
// Export row must not stay RUNNING and the export's database connection must be released.
import type { Db } from '@captionary/db';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedApprovedLabels } from '../../../../../../../bench/export-seed';
import { CLIENT_GONE_REASON } from '../../../../../../server/services/exports/text-byte-stream';
import { stubExportEnv } from '../../../../../../server/services/exports/testing/export-test-env';
import { callerFor, createTestTeam, testDb } from '../../../../../../server/testing/fixtures';
import { GET } from './route';

/** Far more than socket buffers hold (about 1 kB per NDJSON line), so the export is mid-stream. */
const ROWS = 20_000;

let db: Db;
let key: string;
let projectId: string;
let server: http.Server;
let baseUrl: string;

function exportRequest(url: string, signal: AbortSignal) {
  return GET(new Request(url, { headers: { authorization: `Bearer ${key}` }, signal }), {
    params: Promise.resolve({ projectId }),
  });
}

beforeAll(async () => {
  const env = await stubExportEnv();
  db = testDb();
  const team = await createTestTeam(db);
  key = (
    await callerFor(db, team.members.OWNER, team.teamId).apiKeys.create({
      name: 'r',
      role: 'REVIEWER',
    })
  ).key;
  projectId = (await seedApprovedLabels(env.databaseUrl, team.teamId, ROWS)).projectId;
  // What the web server does with a route handler: the request's signal aborts when the
  // connection closes, and the body is piped to the socket until one side stops.
  server = http.createServer((req, res) => {
    const closed = new AbortController();
    res.once('close', () => closed.abort());
    void (async () => {
      const response = await exportRequest(`http://127.0.0.1${req.url}`, closed.signal);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      await pipeline(Readable.fromWeb(response.body as NodeWebReadableStream), res).catch(() => {});
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  vi.unstubAllEnvs();
  await db.$disconnect();
});

/** The export's row once it left RUNNING. */
async function settledExport(exportId: string) {
  for (let i = 0; i < 300; i++) {
    const record = await db.export.findUniqueOrThrow({ where: { id: exportId } });
    if (record.status !== 'RUNNING') return record;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`export ${exportId} is still RUNNING`);
}

/** Export connections of this test database still open (each holds a snapshot transaction). */
async function openExportConnections(): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const [row] = await db.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'captionary-export'`;
    if (row!.count === 0) return 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return -1;
}

describe('an interrupted export download', () => {
  it('is recorded as failed with the reason when the client hangs up mid-stream', async () => {
    const { exportId, received } = await new Promise<{ exportId: string; received: number }>(
      (resolve, reject) => {
        const request = http.get(
          `${baseUrl}/api/v1/projects/${projectId}/export?format=labelbox-ndjson`,
          (response) => {
            response.once('data', (chunk: Buffer) => {
              request.destroy();
              resolve({
                exportId: String(response.headers['x-export-id']),
                received: chunk.length,
              });
            });
          },
        );
        request.on('error', (error) => {
          if (!request.destroyed) reject(error);
        });
      },
    );
    expect(received).toBeGreaterThan(0);
    const record = await settledExport(exportId);
    expect(record).toMatchObject({ status: 'FAILED', error: CLIENT_GONE_REASON });
    expect(record.finishedAt).not.toBeNull();
    expect(record.rowCount).toBeGreaterThan(0);
    expect(record.rowCount).toBeLessThan(ROWS);
    expect(await openExportConnections()).toBe(0);
  });

  it('is recorded as failed when the client leaves before the body is sent', async () => {
    const gone = new AbortController();
    const response = await exportRequest(
      `${baseUrl}/api/v1/projects/${projectId}/export?format=coco-captions`,
      gone.signal,
    );
    expect(response.status).toBe(200);
    // Nobody ever reads or cancels the body: only the request's signal says the client left.
    gone.abort();
    const record = await settledExport(response.headers.get('x-export-id')!);
    expect(record).toMatchObject({ status: 'FAILED', error: CLIENT_GONE_REASON, byteSize: 0n });
    expect(await openExportConnections()).toBe(0);
  });

  it('still completes and records a download that is read to the end', async () => {
    const response = await exportRequest(
      `${baseUrl}/api/v1/projects/${projectId}/export?format=jsonl`,
      new AbortController().signal,
    );
    const lines = (await response.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(ROWS);
    const record = await settledExport(response.headers.get('x-export-id')!);
    expect(record).toMatchObject({ status: 'SUCCEEDED', rowCount: ROWS, error: null });
    expect(await openExportConnections()).toBe(0);
  });
});
