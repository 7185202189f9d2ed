import { stat } from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';
import { ImageRejectedError } from './image-rejected-error';

/** Input formats we decode. Everything else (SVG, PDF, ImageMagick loaders, raw camera files…) is refused. */
export const ALLOWED_IMAGE_FORMATS: ReadonlySet<string> = new Set([
  'jpeg',
  'png',
  'webp',
  'gif',
  'tiff',
  'avif',
  'heif',
]);

/** 100 megapixels: far above any camera photo, far below what would exhaust a worker's memory. */
export const MAX_INPUT_PIXELS = 100_000_000;

/** An image file's bytes or its path on disk. */
export type ImageInput = Buffer | string;

/** A decoded image: 8-bit sRGB, 3 interleaved channels, already at the model's input size. */
export interface DecodedImage {
  rgb: Buffer;
  width: number;
  height: number;
}

/**
 * Options every decode starts from: the pixel limit is checked from the header before pixels are
 * decoded; `pages: 1` reads only the first frame of animated GIF/WebP and multi-page TIFF, so a
 * GIF with thousands of frames costs one frame; failOn 'error' rejects truncated or corrupt data
 * but tolerates harmless warnings that real camera files often carry.
 */
function openImage(input: ImageInput) {
  return sharp(input, {
    limitInputPixels: MAX_INPUT_PIXELS,
    pages: 1,
    failOn: 'error',
    sequentialRead: true,
  });
}

async function assertNotEmpty(input: ImageInput): Promise<void> {
  if (typeof input !== 'string') {
    if (input.length === 0) throw new ImageRejectedError('empty', 'zero-byte input');
    return;
  }
  const fileStat = await stat(input).catch((error: Error) => {
    throw new ImageRejectedError('unreadable', error.message);
  });
  if (fileStat.size === 0) throw new ImageRejectedError('empty', 'zero-byte file');
}

/**
 * Reads only the header and refuses anything off the allow-list or over the pixel limit before a
 * single pixel is decoded.
 */
async function assertSafeToDecode(input: ImageInput): Promise<void> {
  await assertNotEmpty(input);
  let metadata: Metadata;
  try {
    // Header only: no pixels are decoded here, so the pixel limit is checked below, with the
    // dimensions in the message (the decoder's own limit stays on as a second line of defence).
    metadata = await sharp(input, { limitInputPixels: false, pages: 1 }).metadata();
  } catch (error) {
    throw new ImageRejectedError('undecodable', (error as Error).message);
  }
  if (!metadata.format || !ALLOWED_IMAGE_FORMATS.has(metadata.format)) {
    throw new ImageRejectedError(
      'unsupported-format',
      `format ${metadata.format ?? 'unknown'} is not allowed`,
    );
  }
  const pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
  if (pixels > MAX_INPUT_PIXELS) {
    throw new ImageRejectedError(
      'too-many-pixels',
      `${metadata.width}x${metadata.height} exceeds the limit of ${MAX_INPUT_PIXELS} pixels`,
    );
  }
}

/**
 * Decodes and resizes one image the way BLIP-2's image processor does before its float maths:
 * EXIF orientation applied, alpha composited on white (as the processor's convert-to-RGB step
 * does), CMYK / 16-bit / grey converted to 8-bit sRGB, then a bicubic resize to exactly width×height (HF resizes to the exact size without
 * keeping the aspect ratio, hence fit 'fill'). The result stays uint8 because HF resizes a uint8
 * PIL image and only then rescales, so rounding happens at the same point.
 */
export async function decodeAndResize(
  input: ImageInput,
  width: number,
  height: number,
): Promise<DecodedImage> {
  await assertSafeToDecode(input);
  try {
    const { data, info } = await openImage(input)
      .autoOrient()
      .flatten({ background: { r: 255, g: 255, b: 255 } })
      .toColourspace('srgb')
      // fastShrinkOnLoad false: JPEG shrink-on-load would subsample before the bicubic filter and
      // move pixels away from what the model saw in training.
      .resize(width, height, { fit: 'fill', kernel: 'cubic', fastShrinkOnLoad: false })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 || info.width !== width || info.height !== height) {
      throw new Error(
        `decoded to ${info.width}x${info.height}x${info.channels}, expected ${width}x${height}x3`,
      );
    }
    return { rgb: data, width, height };
  } catch (error) {
    if (error instanceof ImageRejectedError) throw error;
    const message = (error as Error).message;
    if (/pixel limit/i.test(message)) throw new ImageRejectedError('too-many-pixels', message);
    throw new ImageRejectedError('undecodable', message);
  }
}
