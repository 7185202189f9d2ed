// Hostile files through the REST upload route, and accepted ones back through the image route.
import { ObjectStorage, type Db } from '@captionary/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handleRowImageRequest } from '../../src/app/api/images/[rowId]/handle-row-image';
import { POST as importRoute } from '../../src/app/api/v1/projects/[projectId]/data-rows/route';
import {
  stubImportEnv,
  type ImportTestEnv,
} from '../../src/server/services/imports/testing/import-test-env';
import { callerFor, createTestTeam, testDb } from '../../src/server/testing/fixtures';
import { expectNoLeak, expectNoRowChanges, listFiles } from './expectations';
import { fileCases, type UploadedFile } from './files.cases';

let db: Db;
let env: ImportTestEnv;
let projectId: string;
let adminKey: string;

beforeAll(async () => {
  db = testDb();
  env = await stubImportEnv();
  const team = await createTestTeam(db, ['OWNER']);
  const owner = callerFor(db, team.members.OWNER, team.teamId);
  projectId = (await owner.projects.create({ name: 'Files' })).id;
  adminKey = (await owner.apiKeys.create({ name: 'upload', role: 'ADMIN' })).key;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
});

async function upload(file: UploadedFile): Promise<Response> {
  const form = new FormData();
  form.append(
    'files',
    new Blob([new Uint8Array(await file.bytes())], { type: file.type }),
    file.name,
  );
  return importRoute(
    new Request(`http://localhost/api/v1/projects/${projectId}/data-rows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}` },
      body: form,
    }),
    { params: Promise.resolve({ projectId }) },
  );
}

function getImage(rowId: string, variant: 'original' | 'thumb'): Promise<Response> {
  return handleRowImageRequest(
    { db, storage: new ObjectStorage(env.storageDir), sessionUser: async () => null },
    new Request(`http://localhost/api/images/${rowId}?variant=${variant}`, {
      headers: { authorization: `Bearer ${adminKey}` },
    }),
    rowId,
  );
}

describe('uploaded files are refused, or accepted only as the image they prove to be', () => {
  for (const testCase of fileCases) {
    it(testCase.title, async () => {
      const { outcome, file } = testCase;
      const filesBefore = await listFiles(env.storageDir);
      if ('refused' in outcome) {
        const text = await expectNoRowChanges(db, ['dataRow'], async () => {
          const response = await upload(file);
          expect(response.status).toBe(200);
          return response.text();
        });
        expectNoLeak(text, [adminKey]);
        expect(JSON.parse(text)).toMatchObject({
          created: 0,
          failed: [{ input: file.name, error: expect.stringMatching(outcome.refused) }],
        });
        expect(await listFiles(env.storageDir)).toEqual(filesBefore);
        return;
      }
      const response = await upload(file);
      expect(await response.json()).toMatchObject({ created: 1, failed: [] });
      const row = await db.dataRow.findFirstOrThrow({
        where: { projectId, externalId: file.name },
      });
      expect({ mimeType: row.mimeType, width: row.width, height: row.height }).toEqual({
        mimeType: outcome.servedAs,
        ...outcome.size,
      });
      // Only the content-addressed original and its thumbnail were written.
      const added = (await listFiles(env.storageDir)).filter((f) => !filesBefore.includes(f));
      expect(added.sort()).toEqual([row.storageKey, row.thumbnailKey].sort());

      const original = await getImage(row.id, 'original');
      expect(original.status).toBe(200);
      expect(original.headers.get('content-type')).toBe(outcome.servedAs);
      expect(original.headers.get('x-content-type-options')).toBe('nosniff');
      expect(original.headers.get('content-security-policy')).toContain('sandbox');
      const thumb = await getImage(row.id, 'thumb');
      expect(thumb.headers.get('content-type')).toBe('image/webp');
      const thumbBytes = Buffer.from(await thumb.arrayBuffer());
      expect(thumbBytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
      expect(thumbBytes.toString('latin1')).not.toContain('<script>');
    });
  }
});
