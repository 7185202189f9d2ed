// Data rows written straight to the database and the storage folder, as an import would leave
// them, for scenarios whose subject comes after the import (review, conflicts).
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import { createDb, ObjectStorage, type Db } from '../../packages/db/src/index';
import { DATA_DIR } from '../../scripts/lib/paths';

export interface ScenarioStore {
  db: Db;
  storage: ObjectStorage;
}

/** The database and storage folder the web app under test uses (closed with db.$disconnect()). */
export function openScenarioStore(scenario: string): ScenarioStore {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error(`the ${scenario} scenario needs DATABASE_URL`);
  return {
    db: createDb(databaseUrl, { max: 2 }),
    storage: new ObjectStorage(process.env.STORAGE_DIR ?? path.join(DATA_DIR, 'storage')),
  };
}

/** A 320×240 JPEG of one colour, stored and recorded as a data row of the project. */
export async function createImageRow(
  { db, storage }: ScenarioStore,
  projectId: string,
  { name, background }: { name: string; background: { r: number; g: number; b: number } },
) {
  const bytes = await sharp({ create: { width: 320, height: 240, channels: 3, background } })
    .jpeg()
    .toBuffer();
  // Unique per run, so a rerun on the same database never meets an earlier row's image.
  const sha256 = createHash('sha256').update(bytes).update(randomUUID()).digest('hex');
  const storageKey = `projects/${projectId}/rows/${sha256}.jpg`;
  await storage.write(storageKey, bytes);
  return db.dataRow.create({
    data: {
      projectId,
      externalId: name,
      sourceUri: `e2e/${name}`,
      storageKey,
      sha256,
      mimeType: 'image/jpeg',
      byteSize: bytes.length,
      width: 320,
      height: 240,
    },
  });
}
