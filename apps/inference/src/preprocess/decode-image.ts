import { readFile } from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';
import { IMPORTABLE_IMAGE_FORMATS, MAX_IMAGE_PIXELS } from '@captionary/shared';
import { bicubicResizeRgb } from './bicubic-resize';
import { ImageRejectedError } from './image-rejected-error';
import { sniffAllowedFormat, sniffImageSize } from './image-header';

/** Input formats we decode (the platform's one list). Everything else (SVG, PDF, ImageMagick loaders, raw camera files…) is refused. */
export const ALLOWED_IMAGE_FORMATS: ReadonlySet<string> = new Set(IMPORTABLE_IMAGE_FORMATS);

/** The platform's pixel limit, checked before any pixel is decoded. */
export const MAX_INPUT_PIXELS = MAX_IMAGE_PIXELS;

/** An image file's bytes or its path on disk. */
export type ImageInput = Buffer | string;

/**
 * How images are resized to the model's input size.
 * - 'fast' (the default): libvips shrinks inside sharp's decoding pipeline, streaming, without
 *   holding the full-size image; its result is within a fraction of a level of Pillow's (mean
 *   0.05-0.25 of 255 on the parity fixtures). An image that must be enlarged on either axis goes
 *   the exact way instead: libvips enlarges on a different sample grid (measured mean 4.9, max 149
 *   levels apart on a 150→224 enlargement), and a small source is cheap to resize in JavaScript.
 * - 'exact': every image is decoded in full and resized with Pillow's arithmetic
 *   (bicubic-resize.ts), so the pixels are byte-identical to Hugging Face's BLIP-2 image
 *   processor (for opaque images: transparency is flattened on white in both modes, where the
 *   processor drops the alpha channel). It costs ~8 ms of CPU per 640x480 image on this thread
 *   instead of ~1 ms in libvips, and the full decoded image in memory (3 bytes a pixel).
 */
export const RESIZE_MODES = ['fast', 'exact'] as const;
export type ResizeMode = (typeof RESIZE_MODES)[number];

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

/**
 * The input's bytes: a file is read once here, so the checks below and the decoder share one read
 * (sharp opening the file itself, after a stat and a header read, cost a second and third open).
 */
async function readInput(input: ImageInput): Promise<Buffer> {
  const bytes =
    typeof input === 'string'
      ? await readFile(input).catch((error: Error) => {
          throw new ImageRejectedError('unreadable', error.message);
        })
      : input;
  if (bytes.length === 0)
    throw new ImageRejectedError(
      'empty',
      typeof input === 'string' ? 'zero-byte file' : 'zero-byte input',
    );
  return bytes;
}

/** The header (no pixels decoded): format and dimensions. */
async function readHeader(bytes: Buffer): Promise<Metadata> {
  try {
    return await sharp(bytes, { limitInputPixels: false, pages: 1 }).metadata();
  } catch (error) {
    throw new ImageRejectedError('undecodable', (error as Error).message);
  }
}

function tooManyPixels(metadata: Metadata): ImageRejectedError {
  return new ImageRejectedError(
    'too-many-pixels',
    `${metadata.width}x${metadata.height} exceeds the limit of ${MAX_INPUT_PIXELS} pixels`,
  );
}

/**
 * Refuses anything off the allow-list or over the pixel limit before a single pixel is decoded.
 * A recognised allow-listed signature needs no separate header read (~0.15-0.3 ms an image): the
 * decode below opens the header with the same pixel limit (libvips checks it before decoding
 * pixels). Anything else gets a header read here, which names its format in the refusal, and
 * which is returned for the decode to use.
 */
async function assertSafeToDecode(bytes: Buffer): Promise<Metadata | undefined> {
  if (sniffAllowedFormat(bytes)) return undefined;
  const metadata = await readHeader(bytes);
  if (!metadata.format || !ALLOWED_IMAGE_FORMATS.has(metadata.format)) {
    throw new ImageRejectedError(
      'unsupported-format',
      `format ${metadata.format ?? 'unknown'} is not allowed`,
    );
  }
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > MAX_INPUT_PIXELS)
    throw tooManyPixels(metadata);
  return metadata;
}

/**
 * Decodes and resizes one image the way BLIP-2's image processor does before its float maths:
 * EXIF orientation applied, alpha composited on white (as the processor's convert-to-RGB step
 * does), CMYK / 16-bit / grey converted to 8-bit sRGB, then a bicubic resize to exactly
 * width×height in the given mode (HF resizes to the exact size without keeping the aspect
 * ratio, hence fit 'fill'). The result stays uint8 because HF resizes a uint8 PIL image and only
 * then rescales, so rounding happens at the same point.
 */
export async function decodeAndResize(
  input: ImageInput,
  width: number,
  height: number,
  mode: ResizeMode = 'fast',
): Promise<DecodedImage> {
  const bytes = await readInput(input);
  const header = await assertSafeToDecode(bytes);
  try {
    const rgb =
      mode === 'exact' || (await mayEnlarge(bytes, width, height, header))
        ? await decodeThenResizeLikePillow(bytes, width, height)
        : await decodeResizingInLibvips(bytes, width, height);
    return { rgb, width, height };
  } catch (error) {
    if (error instanceof ImageRejectedError) throw error;
    const message = (error as Error).message;
    if (/pixel limit/i.test(message)) {
      // Refused from the header by the decoder's own limit: read the header to say how big.
      const metadata = await readHeader(bytes).catch(() => undefined);
      throw metadata ? tooManyPixels(metadata) : new ImageRejectedError('too-many-pixels', message);
    }
    throw new ImageRejectedError('undecodable', message);
  }
}

/**
 * Whether resizing to width×height may enlarge either axis. Judged from the stored size, whatever
 * the EXIF orientation: only a source whose shorter side reaches the target's longer side is sure
 * to shrink on both axes.
 */
async function mayEnlarge(
  bytes: Buffer,
  width: number,
  height: number,
  header: Metadata | undefined,
): Promise<boolean> {
  const size = header ?? sniffImageSize(bytes) ?? (await readHeader(bytes));
  return Math.min(size.width ?? 0, size.height ?? 0) < Math.max(width, height);
}

/** Orientation, alpha on white and sRGB: the steps before the resize, shared by both ways. */
function openAsRgb(bytes: Buffer) {
  return openImage(bytes)
    .autoOrient()
    .flatten({ background: { r: 255, g: 255, b: 255 } })
    .toColourspace('srgb');
}

async function decodeResizingInLibvips(bytes: Buffer, width: number, height: number) {
  const { data, info } = await openAsRgb(bytes)
    // fastShrinkOnLoad false: sharp then only lets libjpeg decode at a reduced DCT scale (1/2,
    // 1/4, 1/8) when at least 2x is left for the bicubic filter, i.e. when the smaller of the two
    // shrink factors is >= 4 (both sides >= 896 px for 224). Measured on photo-like JPEGs
    // against a full decode + the same bicubic: identical up to 1024x768; 1600x1200 and
    // 4000x3000 differ by 0.28-0.33 levels on average (max 2 of 255) and decode 2x faster.
    // With fastShrinkOnLoad true sharp would still not shrink-on-load a 640x480 source: its
    // min shrink is 2.14, and sharp halves the DCT scale whenever trunc(shrink) equals it
    // ("known libjpeg rounding errors"), so 2 becomes 1. Reduced-scale decoding of typical
    // 2-4x sources is therefore not reachable through sharp 0.35's options at all.
    .resize(width, height, { fit: 'fill', kernel: 'cubic', fastShrinkOnLoad: false })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || info.width !== width || info.height !== height) {
    throw new Error(
      `decoded to ${info.width}x${info.height}x${info.channels}, expected ${width}x${height}x3`,
    );
  }
  return data;
}

async function decodeThenResizeLikePillow(bytes: Buffer, width: number, height: number) {
  const { data, info } = await openAsRgb(bytes)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels, expected 3`);
  const resized = bicubicResizeRgb(data, info.width, info.height, width, height);
  return Buffer.from(resized.buffer, resized.byteOffset, resized.byteLength);
}
