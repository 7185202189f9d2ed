// Data for the worker's integration tests: a team, a project and data rows whose originals are in
// a temporary storage folder, some of them deliberately broken.
import { randomUUID, createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, ObjectStorage, type Db } from '@captionary/db';
import { defaultWorkflow } from '@captionary/shared';
import { photoLikeJpeg } from '../helpers/test-images';

export function requireServices() {
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!databaseUrl || !redisUrl)
    throw new Error('run with npm run test:integration (DATABASE_URL, REDIS_URL)');
  return { databaseUrl, redisUrl };
}

export function openDb(): Db {
  return createDb(requireServices().databaseUrl, { max: 4 });
}

export function tempStorage() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'captionary-storage-'));
  return { dir, storage: new ObjectStorage(dir) };
}

export interface RowSpec {
  name: string;
  /** The stored bytes; null stores nothing (the original is missing). */
  bytes: Buffer | null;
}

export async function goodRows(
  count: number,
  seedOffset = 0,
  size = { width: 320, height: 240 },
): Promise<RowSpec[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => ({
      name: `photo-${seedOffset + i}.jpg`,
      bytes: await photoLikeJpeg(seedOffset + i + 1, size.width, size.height),
    })),
  );
}

export async function createProjectWithRows(db: Db, storage: ObjectStorage, rows: RowSpec[]) {
  const team = await db.team.create({ data: { name: 'Worker tests', slug: `wt-${randomUUID()}` } });
  const project = await db.project.create({
    data: { teamId: team.id, name: 'Worker test project', workflowConfig: defaultWorkflow() },
  });
  const data = [];
  for (const row of rows) {
    const storageKey = `projects/${project.id}/rows/${row.name}`;
    if (row.bytes) await storage.write(storageKey, row.bytes);
    data.push({
      projectId: project.id,
      externalId: row.name,
      sourceUri: row.name,
      storageKey,
      sha256: createHash('sha256')
        .update(row.bytes ?? Buffer.alloc(0))
        .update(row.name)
        .digest('hex'),
      mimeType: 'image/jpeg',
      byteSize: row.bytes?.length ?? 0,
      width: 320,
      height: 240,
    });
  }
  // One insert for all rows; the rows come back in the order given.
  const created = await db.dataRow.createManyAndReturn({ data });
  const byName = new Map(created.map((row) => [row.externalId, row]));
  const dataRows = rows.map((row) => byName.get(row.name)!);
  return { team, project, dataRows };
}

export async function waitForJob(db: Db, jobId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await db.captionJob.findUniqueOrThrow({ where: { id: jobId } });
    if (['COMPLETED', 'CANCELLED', 'FAILED'].includes(job.status)) return job;
    if (Date.now() > deadline)
      throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
