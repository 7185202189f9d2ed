// Image bytes for the browser and the review screens: the stored original, or its thumbnail,
// made on first request (and stored) for rows imported before thumbnails existed.
import type { Db, ObjectStorage } from '@captionary/db';
import { IMAGE_FORMAT_FILES, MAX_IMAGE_PIXELS } from '@captionary/shared';
import sharp from 'sharp';
import { AppError, notFound } from '../../errors';

export type ImageVariant = 'thumb' | 'original';

/** Longest side of a thumbnail, in pixels (sharp-enough tiles on high-density screens). */
export const THUMBNAIL_SIZE = 320;
const THUMBNAIL_TYPE = 'image/webp';

/** The types imports accept; anything else (an old or odd row) is never served inline. */
const INLINE_IMAGE_TYPES = new Set(Object.values(IMAGE_FORMAT_FILES).map((f) => f.mimeType));

export interface RowImage {
  bytes: Buffer;
  contentType: string;
  /** False for stored types that are not plain raster images: served as a download instead. */
  inline: boolean;
  /** Changes whenever the image does (sha256 of the original), for ETag. */
  etag: string;
}

/** The storage key of a row's thumbnail, next to the other thumbnails of its project. */
export function thumbnailKeyFor(projectId: string, sha256: string): string {
  return `projects/${projectId}/thumbs/${sha256}.webp`;
}

/** Resizes an original into the platform's thumbnail format. */
export async function makeThumbnail(original: Buffer): Promise<Buffer> {
  return sharp(original, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
    .rotate() // honour EXIF orientation, as the full image viewer does
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 78 })
    .toBuffer();
}

async function readStored(storage: ObjectStorage, key: string): Promise<Buffer | null> {
  try {
    return await storage.read(key);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The bytes of one row's image. `teamId` scopes the lookup: a row of another team is NOT_FOUND,
 * exactly like a row that does not exist.
 */
export async function loadRowImage(
  db: Db,
  storage: ObjectStorage,
  teamId: string,
  rowId: string,
  variant: ImageVariant,
): Promise<RowImage> {
  const row = await db.dataRow.findFirst({
    where: { id: rowId, project: { teamId } },
    select: {
      id: true,
      projectId: true,
      storageKey: true,
      thumbnailKey: true,
      sha256: true,
      mimeType: true,
    },
  });
  if (!row) throw notFound('Image');
  if (variant === 'original') {
    const bytes = await readStored(storage, row.storageKey);
    if (!bytes) throw notFound('Image');
    const inline = INLINE_IMAGE_TYPES.has(row.mimeType);
    return {
      bytes,
      contentType: inline ? row.mimeType : 'application/octet-stream',
      inline,
      etag: row.sha256,
    };
  }
  if (row.thumbnailKey) {
    const stored = await readStored(storage, row.thumbnailKey);
    if (stored)
      return { bytes: stored, contentType: THUMBNAIL_TYPE, inline: true, etag: row.sha256 };
  }
  return { ...(await createThumbnail(db, storage, row)), etag: row.sha256 };
}

async function createThumbnail(
  db: Db,
  storage: ObjectStorage,
  row: { id: string; projectId: string; storageKey: string; sha256: string },
): Promise<Omit<RowImage, 'etag'>> {
  const original = await readStored(storage, row.storageKey);
  if (!original) throw notFound('Image');
  let thumbnail: Buffer;
  try {
    thumbnail = await makeThumbnail(original);
  } catch {
    // The original is not a decodable image (a failed or corrupted import): nothing to show.
    throw new AppError('NOT_FOUND', 'This image cannot be decoded');
  }
  const key = thumbnailKeyFor(row.projectId, row.sha256);
  await storage.write(key, thumbnail);
  await db.dataRow.update({ where: { id: row.id }, data: { thumbnailKey: key } });
  return { bytes: thumbnail, contentType: THUMBNAIL_TYPE, inline: true };
}
