// Turns untrusted bytes into a stored image: checks the format and size from the header before
// any pixel is decoded, then decodes once to make the thumbnail (which also proves the whole file
// decodes), and writes original and thumbnail under content-addressed keys.
import type { ObjectStorage } from '@captionary/db';
import {
  IMAGE_FORMAT_FILES,
  isImportableImageFormat,
  MAX_IMAGE_PIXELS,
  type ImportableImageFormat,
} from '@captionary/shared';
import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import { ImportItemError } from './import-item-error';

/** Longest side of a thumbnail in the dataset browser. */
export const THUMBNAIL_SIZE = 256;

export interface InspectedImage {
  format: ImportableImageFormat;
  /** Dimensions as displayed, EXIF orientation applied. */
  width: number;
  height: number;
}

export interface StoredImage extends InspectedImage {
  sha256: string;
  mimeType: string;
  byteSize: number;
  storageKey: string;
  thumbnailKey: string;
}

const startsWith = (bytes: Buffer, text: string, at = 0) =>
  bytes.subarray(at, at + text.length).equals(Buffer.from(text, 'latin1'));

/**
 * True when the bytes start like one of the accepted formats. Checked before sharp sees them so
 * that no other libvips loader (SVG, PDF, ImageMagick...) ever parses user input.
 */
function hasAcceptedSignature(bytes: Buffer): boolean {
  return (
    startsWith(bytes, '\xff\xd8\xff') ||
    startsWith(bytes, '\x89PNG\r\n\x1a\n') ||
    startsWith(bytes, 'GIF87a') ||
    startsWith(bytes, 'GIF89a') ||
    (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) ||
    startsWith(bytes, 'II*\x00') ||
    startsWith(bytes, 'MM\x00*') ||
    // AVIF and HEIF are ISO media files: a box size, then `ftyp`.
    startsWith(bytes, 'ftyp', 4)
  );
}

function describeNonImage(bytes: Buffer): string {
  const head = bytes.subarray(0, 256).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) {
    return 'Not an accepted image: SVG is not allowed';
  }
  if (head.startsWith('<')) return 'Not an image: the content is HTML or XML';
  if (head.startsWith('%pdf')) return 'Not an accepted image: PDF is not allowed';
  return 'Not an image in an accepted format (JPEG, PNG, WebP, GIF, TIFF, AVIF, HEIF)';
}

/** Format and displayed size from the header alone; refuses anything off the allow-list or too big. */
export async function inspectImage(bytes: Buffer): Promise<InspectedImage> {
  if (bytes.length === 0) throw new ImportItemError('The file is empty');
  if (!hasAcceptedSignature(bytes)) throw new ImportItemError(describeNonImage(bytes));
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false, pages: 1 }).metadata();
  } catch {
    throw new ImportItemError('The image header is corrupt or unreadable');
  }
  if (!isImportableImageFormat(metadata.format)) {
    throw new ImportItemError(`Image format ${metadata.format ?? 'unknown'} is not accepted`);
  }
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (width < 1 || height < 1) throw new ImportItemError('The image has no pixels');
  // Refused here, from the header: a small file can declare billions of pixels (a decompression bomb).
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ImportItemError(
      `${width}x${height} pixels is over the limit of ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`,
    );
  }
  return {
    format: metadata.format,
    width: metadata.autoOrient?.width ?? width,
    height: metadata.autoOrient?.height ?? height,
  };
}

/**
 * A WebP thumbnail. Decoding stops at the first error (truncated or corrupt data) so a broken
 * file is refused here rather than at caption time; only the first frame of animations is read.
 */
export async function makeThumbnail(bytes: Buffer): Promise<Buffer> {
  try {
    return await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, pages: 1, failOn: 'error' })
      .autoOrient()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      // effort 2: half the encode time of the default for a few percent larger thumbnails.
      .webp({ quality: 75, effort: 2 })
      .toBuffer();
  } catch {
    throw new ImportItemError('The image data is truncated or corrupt');
  }
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Checks, thumbnails and stores one image of a project; nothing is written for a refused one. */
export async function storeImage(
  storage: ObjectStorage,
  projectId: string,
  bytes: Buffer,
): Promise<StoredImage> {
  const inspected = await inspectImage(bytes);
  const thumbnail = await makeThumbnail(bytes);
  const sha256 = sha256Hex(bytes);
  const { mimeType, ext } = IMAGE_FORMAT_FILES[inspected.format];
  const storageKey = `projects/${projectId}/rows/${sha256}.${ext}`;
  const thumbnailKey = `projects/${projectId}/thumbs/${sha256}.webp`;
  await Promise.all([storage.write(storageKey, bytes), storage.write(thumbnailKey, thumbnail)]);
  return { ...inspected, sha256, mimeType, byteSize: bytes.length, storageKey, thumbnailKey };
}
