// The image route: members see their team's images with the stored content type, thumbnails are
// made and stored on first request, and nobody else learns that a row exists.
import { ObjectStorage, type Db } from '@captionary/db';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '../../../../server/security/rate-limiter';
import { storeImage } from '../../../../server/services/imports/image-intake';
import { createProjectWithRows, type SeededRow } from '../../../../server/testing/caption-fixtures';
import {
  callerFor,
  createTestTeam,
  testDb,
  type TestUser,
} from '../../../../server/testing/fixtures';
import { handleRowImageRequest } from './handle-row-image';

const storageDir = mkdtempSync(path.join(tmpdir(), 'captionary-images-'));
const storage = new ObjectStorage(storageDir);
let db: Db;
let member: TestUser;
let outsider: TestUser;
let rows: SeededRow[];
let memberKey: string;
let outsiderKey: string;
let projectId: string;
let redis: Redis;

beforeAll(async () => {
  db = testDb();
  const team = await createTestTeam(db, ['OWNER', 'LABELER']);
  const other = await createTestTeam(db, ['OWNER']);
  member = team.members.LABELER;
  outsider = other.members.OWNER;
  ({ rows, projectId } = await createProjectWithRows(db, team.teamId, 3, { storage, broken: [2] }));
  redis = new Redis(process.env.REDIS_URL!);
  memberKey = (
    await callerFor(db, team.members.OWNER, team.teamId).apiKeys.create({
      name: 'viewer',
      role: 'LABELER',
    })
  ).key;
  outsiderKey = (
    await callerFor(db, outsider, other.teamId).apiKeys.create({ name: 'x', role: 'OWNER' })
  ).key;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  redis.disconnect();
  await db.$disconnect();
  rmSync(storageDir, { recursive: true, force: true });
});

/** API keys held to small limits of this test file's own (unique counter names). */
const apiKeyLimits = () => {
  const run = randomUUID();
  return {
    limiter: new RateLimiter(redis),
    rules: {
      apiKeyRequests: { name: `test-key-${run}`, limit: 3, windowSeconds: 60 },
      apiKeyFailuresPerAddress: { name: `test-failures-${run}`, limit: 2, windowSeconds: 60 },
    },
  };
};

function get(
  rowId: string,
  as: TestUser | null,
  query = '',
  headers: HeadersInit = {},
  limits = apiKeyLimits(),
) {
  return handleRowImageRequest(
    {
      db,
      storage,
      sessionUser: async () => (as ? { id: as.id, email: as.email, name: as.name } : null),
      apiKeyLimits: limits,
    },
    new Request(`http://localhost:3000/api/images/${rowId}${query}`, { headers }),
    rowId,
  );
}

describe('GET /api/images/:rowId', () => {
  it('makes, stores and serves a WebP thumbnail to a member', async () => {
    const row = rows[0]!;
    expect((await db.dataRow.findUniqueOrThrow({ where: { id: row.id } })).thumbnailKey).toBeNull();
    const response = await get(row.id, member);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe('inline');
    expect(response.headers.get('cache-control')).toMatch(/^private/);
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect(meta.format).toBe('webp');
    const stored = await db.dataRow.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.thumbnailKey).toMatch(/^projects\/[0-9a-f-]+\/thumbs\/[0-9a-f]{64}\.webp$/);
    // The second request reads the stored thumbnail; a matching ETag gets 304.
    const again = await get(row.id, member, '?variant=thumb', {
      'if-none-match': response.headers.get('etag')!,
    });
    expect(again.status).toBe(304);
  });

  it('serves the original with its stored content type', async () => {
    const response = await get(rows[1]!.id, member, '?variant=original');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).format).toBe('jpeg');
  });

  it('accepts an API key of the team and refuses one of another team', async () => {
    const auth = (key: string) => ({ authorization: `Bearer ${key}` });
    expect((await get(rows[1]!.id, null, '', auth(memberKey))).status).toBe(200);
    expect((await get(rows[1]!.id, null, '', auth(outsiderKey))).status).toBe(404);
    expect((await get(rows[1]!.id, null, '', auth('cap_forged'))).status).toBe(401);
  });

  it('answers 401 when signed out and 404 to other teams, unknown ids and bad variants', async () => {
    expect((await get(rows[0]!.id, null)).status).toBe(401);
    const foreign = await get(rows[0]!.id, outsider);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'Image not found' },
    });
    expect((await get('00000000-0000-4000-8000-000000000000', member)).status).toBe(404);
    expect((await get('../../etc/passwd', member)).status).toBe(404);
    expect((await get(rows[0]!.id, member, '?variant=huge')).status).toBe(400);
  });

  it('answers 404 for an original that is not a decodable image', async () => {
    const response = await get(rows[2]!.id, member);
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toMatch(/cannot be decoded/);
  });

  it('serves a polyglot file as the image type found at import, never as a page', async () => {
    // A real GIF with an HTML page after its trailer, imported under an .html name: the type
    // comes from the decoded image, and the response forbids sniffing and running anything.
    const gif = await sharp({
      create: { width: 8, height: 8, channels: 3, background: '#c33' },
    })
      .gif()
      .toBuffer();
    const polyglot = Buffer.concat([gif, Buffer.from('<html><script>alert(1)</script></html>')]);
    const stored = await storeImage(storage, projectId, polyglot);
    const row = await db.dataRow.create({
      data: {
        projectId,
        externalId: 'evil.html',
        sourceUri: 'uploads/evil.html',
        storageKey: stored.storageKey,
        sha256: stored.sha256,
        mimeType: stored.mimeType,
        byteSize: stored.byteSize,
        width: stored.width,
        height: stored.height,
      },
      select: { id: true },
    });
    const response = await get(row.id, member, '?variant=original');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/gif');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toMatch(/(^|; )sandbox(;|$)/);
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(polyglot);
  });

  it('holds an API key to its request budget: 429 with Retry-After', async () => {
    const limits = apiKeyLimits();
    const auth = { authorization: `Bearer ${memberKey}` };
    for (let i = 0; i < 3; i++) {
      expect((await get(rows[1]!.id, null, '', auth, limits)).status).toBe(200);
    }
    const over = await get(rows[1]!.id, null, '', auth, limits);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await over.json()).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: 'This API key made more than 3 requests in a minute; slow down',
      },
    });
    // Another key has a budget of its own.
    const outsider = await get(
      rows[1]!.id,
      null,
      '',
      { authorization: `Bearer ${outsiderKey}` },
      limits,
    );
    expect(outsider.status).toBe(404);
  });

  it('refuses an address that keeps presenting invalid keys, even with a valid one', async () => {
    const limits = apiKeyLimits();
    const from = (key: string, address: string) => ({
      authorization: `Bearer ${key}`,
      'x-forwarded-for': address,
    });
    const guesser = '203.0.113.77';
    for (let i = 0; i < 2; i++) {
      expect(
        (await get(rows[1]!.id, null, '', from(`cap_guess${i}`, guesser), limits)).status,
      ).toBe(401);
    }
    const blocked = await get(rows[1]!.id, null, '', from(memberKey, guesser), limits);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await blocked.json()).error.code).toBe('RATE_LIMITED');
    // Other addresses are not affected.
    expect((await get(rows[1]!.id, null, '', from(memberKey, '203.0.113.78'), limits)).status).toBe(
      200,
    );
  });
});
