// The image route: members see their team's images with the stored content type, thumbnails are
// made and stored on first request, and nobody else learns that a row exists.
import { ObjectStorage, type Db } from '@captionary/db';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

beforeAll(async () => {
  db = testDb();
  const team = await createTestTeam(db, ['OWNER', 'LABELER']);
  const other = await createTestTeam(db, ['OWNER']);
  member = team.members.LABELER;
  outsider = other.members.OWNER;
  ({ rows } = await createProjectWithRows(db, team.teamId, 3, { storage, broken: [2] }));
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
  await db.$disconnect();
  rmSync(storageDir, { recursive: true, force: true });
});

function get(rowId: string, as: TestUser | null, query = '', headers: HeadersInit = {}) {
  return handleRowImageRequest(
    {
      db,
      storage,
      sessionUser: async () => (as ? { id: as.id, email: as.email, name: as.name } : null),
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
});
