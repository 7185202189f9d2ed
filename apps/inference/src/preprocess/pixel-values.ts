import { decodeAndResize, type ImageInput, type ResizeMode } from './decode-image';
import { forEachLimited } from './for-each-limited';
import { ImageRejectedError } from './image-rejected-error';
import type { PreprocessorConfig } from './preprocessor-config';

/**
 * For each channel, the normalized float of every possible uint8 value:
 * (v * rescale_factor - mean) / std. A 256-entry table per channel turns rescale + normalize into
 * one lookup per sample.
 */
export function normalizationTables(
  config: PreprocessorConfig,
): [Float32Array, Float32Array, Float32Array] {
  const table = (channel: 0 | 1 | 2) => {
    const rescale = config.do_rescale ? config.rescale_factor : 1;
    const mean = config.do_normalize ? config.image_mean[channel] : 0;
    const std = config.do_normalize ? config.image_std[channel] : 1;
    return Float32Array.from({ length: 256 }, (_, value) => (value * rescale - mean) / std);
  };
  return [table(0), table(1), table(2)];
}

/**
 * Writes one decoded image (uint8 RGB, interleaved) into `target` at `offset` as normalized CHW
 * planes. libvips does decoding, orientation, colour conversion and the bicubic resize; this loop
 * only reorders 3×224×224 bytes through the lookup tables (~0.2 ms). It is the one JS pixel loop
 * left, on purpose: sharp 0.35's linear() clamps 8-bit input back to uchar, and splitting channels
 * with three extractChannel() pipelines measured ~16 ms per image against this loop's 0.2 ms.
 */
export function writeNormalizedPlanes(
  rgb: Uint8Array,
  tables: readonly [Float32Array, Float32Array, Float32Array],
  target: Float32Array,
  offset: number,
): void {
  const planeSize = rgb.length / 3;
  const [red, green, blue] = tables;
  const greenOffset = offset + planeSize;
  const blueOffset = offset + 2 * planeSize;
  for (let pixel = 0, sample = 0; pixel < planeSize; pixel++, sample += 3) {
    target[offset + pixel] = red[rgb[sample]!]!;
    target[greenOffset + pixel] = green[rgb[sample + 1]!]!;
    target[blueOffset + pixel] = blue[rgb[sample + 2]!]!;
  }
}

/** One image as pixel_values [3, H, W]. */
export async function preprocessImage(
  input: ImageInput,
  config: PreprocessorConfig,
  resizeMode?: ResizeMode,
): Promise<Float32Array> {
  const { width, height } = config.size;
  const { rgb } = await decodeAndResize(input, width, height, resizeMode);
  const planes = new Float32Array(3 * width * height);
  writeNormalizedPlanes(rgb, normalizationTables(config), planes, 0);
  return planes;
}

/**
 * Images of a batch decoding at once in the 'exact' resize mode. That mode holds each image fully
 * decoded (3 bytes a pixel: 36 MB for 12 megapixels, 300 MB at the pixel limit) until this thread
 * has resized it; two at a time let one decode overlap one resize, and bound what a batch of large
 * images holds to two originals. The 'fast' mode streams through libvips and decodes them all at
 * once.
 */
const EXACT_DECODES_IN_FLIGHT = 2;

/** A batch ready for the vision encoder, plus which inputs made it in. */
export interface PreprocessedBatch {
  /** pixel_values [accepted.length, 3, H, W] in one contiguous buffer. */
  pixelValues: Float32Array;
  dims: [number, 3, number, number];
  /** Indices (into the inputs) of the images in pixelValues, in order. */
  accepted: number[];
  /** Inputs that were refused, by index. */
  rejected: Map<number, ImageRejectedError>;
}

/**
 * Batch tensors to reuse. A fresh [B,3,H,W] float buffer is fresh memory that the kernel zeroes
 * page by page on first write: measured ~0.12 ms extra per 224x224 image (0.33 vs 0.21 ms for
 * the normalization loop). Batches mostly have the same size, so a few buffers per size cover
 * them. A buffer goes back with release() once nothing reads it any more (after the vision
 * encoder's run, which does not keep it).
 */
export class PixelBufferPool {
  private readonly free = new Map<number, ArrayBuffer[]>();
  private retainedBytes = 0;

  /** @param maxRetainedBytes what the pool may hold on to between batches (default 64 MiB). */
  constructor(private readonly maxRetainedBytes = 64 * 2 ** 20) {}

  acquire(length: number): Float32Array {
    const buffer = this.free.get(length * 4)?.pop();
    if (!buffer) return new Float32Array(length);
    this.retainedBytes -= buffer.byteLength;
    return new Float32Array(buffer);
  }

  /** Takes back a buffer from acquire() (or any view of it). */
  release(values: Float32Array): void {
    const buffer = values.buffer as ArrayBuffer;
    if (this.retainedBytes + buffer.byteLength > this.maxRetainedBytes) return;
    const list = this.free.get(buffer.byteLength) ?? [];
    if (list.includes(buffer)) return;
    list.push(buffer);
    this.free.set(buffer.byteLength, list);
    this.retainedBytes += buffer.byteLength;
  }
}

/**
 * Decodes all inputs concurrently (libvips works on libuv's threads, off this one) and assembles
 * one [B,3,H,W] tensor. Each image is normalized into its slot as soon as it is decoded, so this
 * thread's table lookups overlap the decoding of the rest of the batch instead of following it.
 * A refused image is reported for its index and left out; the rest go on. With `buffers`, the
 * tensor comes from that pool, and the caller hands it back when done. The 'exact' resize mode
 * resizes on this thread and decodes two images at a time (EXACT_DECODES_IN_FLIGHT).
 */
export async function preprocessBatch(
  inputs: readonly ImageInput[],
  config: PreprocessorConfig,
  { buffers, resizeMode }: { buffers?: PixelBufferPool; resizeMode?: ResizeMode } = {},
): Promise<PreprocessedBatch> {
  const { width, height } = config.size;
  const tables = normalizationTables(config);
  const imageSize = 3 * width * height;
  // Every slot that is returned gets written, so a reused buffer needs no clearing.
  const length = inputs.length * imageSize;
  const pixelValues = buffers ? buffers.acquire(length) : new Float32Array(length);
  const rejected = new Map<number, ImageRejectedError>();
  const inFlight = resizeMode === 'exact' ? EXACT_DECODES_IN_FLIGHT : inputs.length;
  await forEachLimited(inputs.length, Math.max(inFlight, 1), (index) =>
    decodeAndResize(inputs[index]!, width, height, resizeMode).then(
      ({ rgb }) => writeNormalizedPlanes(rgb, tables, pixelValues, index * imageSize),
      (reason: Error) => {
        rejected.set(
          index,
          reason instanceof ImageRejectedError
            ? reason
            : new ImageRejectedError('undecodable', reason.message),
        );
      },
    ),
  );
  const accepted = inputs.map((_, index) => index).filter((index) => !rejected.has(index));
  if (rejected.size === 0)
    return { pixelValues, dims: [accepted.length, 3, height, width], accepted, rejected };
  // Close the gaps left by refused images (rare): slots move down, in order, within the buffer.
  accepted.forEach((inputIndex, slot) => {
    if (inputIndex !== slot)
      pixelValues.copyWithin(
        slot * imageSize,
        inputIndex * imageSize,
        (inputIndex + 1) * imageSize,
      );
  });
  return {
    pixelValues: pixelValues.subarray(0, accepted.length * imageSize),
    dims: [accepted.length, 3, height, width],
    accepted,
    rejected,
  };
}
