// Set-based writes of imported rows: one statement per batch, whatever its size.
import type { Db } from '@captionary/db';
import type { StoredImage } from './image-intake';
import type { SourceItem } from './sources/import-source';

export interface ExistingRow {
  id: string;
  externalId: string;
  sha256: string;
  connectionId: string | null;
  removedAt: Date | null;
}

/** Rows of the project with these external ids, by external id. */
export async function findRowsByExternalId(
  db: Db,
  projectId: string,
  externalIds: string[],
): Promise<Map<string, ExistingRow>> {
  if (!externalIds.length) return new Map();
  const rows = await db.dataRow.findMany({
    where: { projectId, externalId: { in: externalIds } },
    select: { id: true, externalId: true, sha256: true, connectionId: true, removedAt: true },
  });
  return new Map(rows.map((row) => [row.externalId, row]));
}

/** Which of these sha256 digests the project already holds. */
export async function findExistingDigests(
  db: Db,
  projectId: string,
  digests: string[],
): Promise<Set<string>> {
  if (!digests.length) return new Set();
  const rows = await db.$queryRaw<{ sha256: string }[]>`
    SELECT DISTINCT sha256 FROM "DataRow"
    WHERE "projectId" = ${projectId}::uuid AND sha256 = ANY(${digests}::text[])`;
  return new Set(rows.map((row) => row.sha256));
}

export interface NewRow {
  item: SourceItem;
  image: StoredImage;
}

/**
 * Inserts rows, leaving alone any external id another import inserted meanwhile; returns the
 * external ids actually inserted.
 */
export async function insertRows(
  db: Db,
  projectId: string,
  connectionId: string,
  rows: NewRow[],
): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const column = <T>(pick: (row: NewRow) => T) => rows.map(pick);
  const inserted = await db.$queryRaw<{ externalId: string }[]>`
    INSERT INTO "DataRow" ("projectId", "connectionId", "externalId", "sourceUri", "storageKey",
                           "thumbnailKey", sha256, "mimeType", "byteSize", width, height)
    SELECT ${projectId}::uuid, ${connectionId}::uuid, t.*
    FROM unnest(${column((r) => r.item.externalId)}::text[], ${column((r) => r.item.sourceUri)}::text[],
                ${column((r) => r.image.storageKey)}::text[], ${column((r) => r.image.thumbnailKey)}::text[],
                ${column((r) => r.image.sha256)}::text[], ${column((r) => r.image.mimeType)}::text[],
                ${column((r) => r.image.byteSize)}::int[], ${column((r) => r.image.width)}::int[],
                ${column((r) => r.image.height)}::int[])
      AS t(external_id, source_uri, storage_key, thumbnail_key, sha256, mime_type, byte_size, width, height)
    ON CONFLICT ("projectId", "externalId") DO NOTHING
    RETURNING "externalId"`;
  return new Set(inserted.map((row) => row.externalId));
}

/** Points a row at a new version of its image (re-sync found different bytes at the source). */
export async function replaceRowImage(db: Db, rowId: string, row: NewRow): Promise<void> {
  await db.dataRow.update({
    where: { id: rowId },
    data: {
      sourceUri: row.item.sourceUri,
      storageKey: row.image.storageKey,
      thumbnailKey: row.image.thumbnailKey,
      sha256: row.image.sha256,
      mimeType: row.image.mimeType,
      byteSize: row.image.byteSize,
      width: row.image.width,
      height: row.image.height,
      removedAt: null,
    },
  });
}

/** Marks this connection's rows whose external id is no longer listed; returns how many. */
export async function markVanishedRows(
  db: Db,
  connectionId: string,
  listedExternalIds: string[],
): Promise<number> {
  return db.$executeRaw`
    UPDATE "DataRow" SET "removedAt" = now()
    WHERE "connectionId" = ${connectionId}::uuid AND "removedAt" IS NULL
      AND NOT ("externalId" = ANY(${listedExternalIds}::text[]))`;
}

/** Clears removedAt on rows that are back at the source unchanged. */
export async function restoreRows(db: Db, rowIds: string[]): Promise<void> {
  if (!rowIds.length) return;
  await db.dataRow.updateMany({ where: { id: { in: rowIds } }, data: { removedAt: null } });
}
