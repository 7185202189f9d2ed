// The image formats the platform accepts, in one place for every app that opens image bytes.

/** sharp/libvips format names we accept; SVG, PDF, HTML and anything else are refused. */
export const IMPORTABLE_IMAGE_FORMATS = [
  'jpeg',
  'png',
  'webp',
  'gif',
  'tiff',
  'avif',
  'heif',
] as const;
export type ImportableImageFormat = (typeof IMPORTABLE_IMAGE_FORMATS)[number];

/** 100 megapixels: far above any camera photo, far below what would exhaust a server's memory. */
export const MAX_IMAGE_PIXELS = 100_000_000;

/** MIME type and file extension stored for each accepted format. */
export const IMAGE_FORMAT_FILES: Record<ImportableImageFormat, { mimeType: string; ext: string }> =
  {
    jpeg: { mimeType: 'image/jpeg', ext: 'jpg' },
    png: { mimeType: 'image/png', ext: 'png' },
    webp: { mimeType: 'image/webp', ext: 'webp' },
    gif: { mimeType: 'image/gif', ext: 'gif' },
    tiff: { mimeType: 'image/tiff', ext: 'tiff' },
    avif: { mimeType: 'image/avif', ext: 'avif' },
    heif: { mimeType: 'image/heif', ext: 'heif' },
  };

/** File name endings listed when importing a folder or bucket; other files are not images to us. */
export const IMAGE_FILE_EXTENSIONS: ReadonlySet<string> = new Set([
  'jpg',
  'jpeg',
  'jfif',
  'png',
  'webp',
  'gif',
  'tif',
  'tiff',
  'avif',
  'heic',
  'heif',
]);

export function isImportableImageFormat(
  format: string | undefined,
): format is ImportableImageFormat {
  return format !== undefined && (IMPORTABLE_IMAGE_FORMATS as readonly string[]).includes(format);
}
