/**
 * Bicubic resize of 8-bit RGB that gives the same bytes as Pillow's `Image.resize(size,
 * Image.BICUBIC)`, which is what BLIP-2's image processor runs (and what the model was trained
 * on). libvips' cubic is close when shrinking but not identical: it quantizes sub-pixel positions
 * and kernel weights more coarsely (measured a mean of 0.3 and a maximum of 10-14 levels of 255
 * apart on a noisy 640x480 image); when enlarging it samples on a different grid (mean 4.9).
 *
 * The algorithm is Pillow's: a separable convolution, horizontal pass first, with the Keys cubic
 * (a = -0.5) stretched by the scale factor when shrinking (so it also low-passes), weights
 * normalized per output pixel and stored as fixed-point integers with 22 fractional bits, each
 * pass rounding and clamping to 8 bits.
 */

const PRECISION_BITS = 32 - 8 - 2;
const HALF = 1 << (PRECISION_BITS - 1);
const CUBIC_SUPPORT = 2;

function cubic(distance: number): number {
  const a = -0.5;
  const x = Math.abs(distance);
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
  return 0;
}

/** For each output position along one axis: the first input index and its fixed-point weights. */
export interface AxisWeights {
  /** Taps per output position (the longest window; shorter ones are padded with zeros). */
  taps: number;
  /** First input index of each output position's window. */
  first: Int32Array;
  /** Input indices used by each output position (window length, at most `taps`). */
  count: Int32Array;
  /** taps weights per output position, fixed point with PRECISION_BITS fractional bits. */
  weights: Int32Array;
}

export function axisWeights(inSize: number, outSize: number): AxisWeights {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = CUBIC_SUPPORT * filterScale;
  const taps = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Int32Array(outSize * taps);
  const window = new Float64Array(taps);
  for (let out = 0; out < outSize; out++) {
    const center = (out + 0.5) * scale;
    // Pillow rounds with a truncating cast after adding 0.5.
    const start = Math.max(Math.trunc(center - support + 0.5), 0);
    const end = Math.min(Math.trunc(center + support + 0.5), inSize);
    let sum = 0;
    for (let i = 0; i < end - start; i++) {
      window[i] = cubic((i + start - center + 0.5) / filterScale);
      sum += window[i]!;
    }
    for (let i = 0; i < end - start; i++) {
      const weight = sum === 0 ? window[i]! : window[i]! / sum;
      // Rounded away from zero, as Pillow's normalize_coeffs_8bpc does.
      weights[out * taps + i] = Math.trunc(
        weight * (1 << PRECISION_BITS) + (weight < 0 ? -0.5 : 0.5),
      );
    }
    first[out] = start;
    count[out] = end - start;
  }
  return { taps, first, count, weights };
}

const clamp8 = (sum: number) => {
  const value = sum >> PRECISION_BITS;
  return value < 0 ? 0 : value > 255 ? 255 : value;
};

/**
 * Resizes interleaved RGB (3 bytes a pixel, rows packed) from inWidth×inHeight to
 * outWidth×outHeight. An axis whose size does not change is not filtered, as in Pillow.
 */
export function bicubicResizeRgb(
  rgb: Uint8Array,
  inWidth: number,
  inHeight: number,
  outWidth: number,
  outHeight: number,
): Uint8Array {
  if (rgb.length !== inWidth * inHeight * 3)
    throw new Error(`expected ${inWidth}x${inHeight}x3 bytes, got ${rgb.length}`);
  let rows = rgb;
  let rowsFirst = 0;
  const vertical = outHeight !== inHeight ? axisWeights(inHeight, outHeight) : undefined;
  if (outWidth !== inWidth) {
    // Only the input rows some output row reads need the horizontal pass.
    rowsFirst = vertical ? vertical.first[0]! : 0;
    const rowsEnd = vertical
      ? vertical.first[outHeight - 1]! + vertical.count[outHeight - 1]!
      : inHeight;
    rows = resizeRows(rgb, inWidth, rowsFirst, rowsEnd, outWidth, axisWeights(inWidth, outWidth));
  }
  if (!vertical) return rows;
  return resizeColumns(rows, outWidth, rowsFirst, outHeight, vertical);
}

/** Horizontal pass over input rows [rowsFirst, rowsEnd): their width becomes outWidth. */
function resizeRows(
  rgb: Uint8Array,
  inWidth: number,
  rowsFirst: number,
  rowsEnd: number,
  outWidth: number,
  { taps, first, count, weights }: AxisWeights,
): Uint8Array {
  const out = new Uint8Array((rowsEnd - rowsFirst) * outWidth * 3);
  let target = 0;
  for (let row = rowsFirst; row < rowsEnd; row++) {
    const rowStart = row * inWidth * 3;
    for (let x = 0; x < outWidth; x++) {
      let red = HALF;
      let green = HALF;
      let blue = HALF;
      const weightStart = x * taps;
      let source = rowStart + first[x]! * 3;
      // Int32 maths throughout (the sums stay below 2^31, as in Pillow's C), which V8 keeps in
      // registers instead of boxing doubles.
      for (let i = 0, n = count[x]!; i < n; i++, source += 3) {
        const weight = weights[weightStart + i]!;
        red = (red + Math.imul(rgb[source]!, weight)) | 0;
        green = (green + Math.imul(rgb[source + 1]!, weight)) | 0;
        blue = (blue + Math.imul(rgb[source + 2]!, weight)) | 0;
      }
      out[target++] = clamp8(red);
      out[target++] = clamp8(green);
      out[target++] = clamp8(blue);
    }
  }
  return out;
}

/** Vertical pass: `rows` holds input rows from rowsFirst on, each `width` pixels wide. */
function resizeColumns(
  rows: Uint8Array,
  width: number,
  rowsFirst: number,
  outHeight: number,
  { taps, first, count, weights }: AxisWeights,
): Uint8Array {
  const stride = width * 3;
  const out = new Uint8Array(outHeight * stride);
  let target = 0;
  for (let y = 0; y < outHeight; y++) {
    const weightStart = y * taps;
    const n = count[y]!;
    const rowStart = (first[y]! - rowsFirst) * stride;
    for (let sample = 0; sample < stride; sample++) {
      let sum = HALF;
      for (let i = 0, source = rowStart + sample; i < n; i++, source += stride)
        sum = (sum + Math.imul(rows[source]!, weights[weightStart + i]!)) | 0;
      out[target++] = clamp8(sum);
    }
  }
  return out;
}
