// The tRPC endpoint refuses state-changing requests from other sites before any procedure runs:
// a classic cross-site HTML form post (urlencoded or text/plain, another site's Origin) gets 403
// JSON and creates nothing.
import type { Db } from '@captionary/db';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../../server/testing/fixtures';
import { GET, POST } from './route';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

const ENDPOINT = 'http://localhost:3000/api/trpc/projects.create';
const FORGED_SESSION = 'next-auth.session-token=forged; captionary.team=forged';

describe('/api/trpc against cross-site requests', () => {
  it.each([
    ['application/x-www-form-urlencoded', (name: string) => `name=${name}`],
    ['text/plain', (name: string) => JSON.stringify({ json: { name } })],
    [
      'multipart/form-data; boundary=x',
      (name: string) =>
        `--x\r\nContent-Disposition: form-data; name="name"\r\n\r\n${name}\r\n--x--`,
    ],
  ])('refuses a form post (%s) from another site with 403 JSON', async (type, body) => {
    const name = `forged ${randomUUID()}`;
    const response = await POST(
      new Request(ENDPOINT, {
        method: 'POST',
        headers: {
          'content-type': type,
          origin: 'https://evil.example',
          'sec-fetch-site': 'cross-site',
          cookie: FORGED_SESSION,
        },
        body: body(name),
      }),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: { code: 'FORBIDDEN', message: 'Cross-site requests cannot change anything here' },
    });
    expect(await db.project.count({ where: { name } })).toBe(0);
  });

  it('refuses a mutation that does not say where it comes from', async () => {
    const response = await POST(
      new Request(ENDPOINT, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: FORGED_SESSION },
        body: JSON.stringify({ json: { name: 'anonymous' } }),
      }),
    );
    expect(response.status).toBe(403);
  });

  it('lets queries through to tRPC (which answers them itself)', async () => {
    const response = await GET(
      new Request('http://localhost:3000/api/trpc/no.such.procedure', {
        headers: { origin: 'https://evil.example' },
      }),
    );
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).toContain('NOT_FOUND');
  });
});
