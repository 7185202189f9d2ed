import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../tiny-model/seeded-random';
import { axisWeights, bicubicResizeRgb } from './bicubic-resize';

// Byte-for-byte agreement with Pillow on real images is checked against fixtures written by
// Pillow itself (test/parity.test.ts); these cases follow from the algorithm by hand.

const randomRgb = (seed: number, pixels: number) => {
  const random = new SeededRandom(seed);
  return Uint8Array.from({ length: pixels * 3 }, () => Math.floor(random.uniform() * 256));
};

describe('bicubicResizeRgb', () => {
  it('halving two pixels gives their mean, rounded half up', () => {
    // 2 -> 1: both samples sit 0.25 (scaled) from the centre, so they weigh half each.
    expect([...bicubicResizeRgb(Uint8Array.from([10, 20, 30, 21, 40, 31]), 2, 1, 1, 1)]).toEqual([
      16, 30, 31,
    ]);
  });

  it('leaves an image of the target size untouched', () => {
    const rgb = randomRgb(1, 7 * 5);
    expect(bicubicResizeRgb(rgb, 7, 5, 7, 5)).toBe(rgb);
  });

  it('keeps a constant colour constant, shrinking and enlarging', () => {
    const rgb = Uint8Array.from({ length: 33 * 17 * 3 }, (_, i) => [12, 130, 251][i % 3]!);
    for (const [width, height] of [
      [10, 5],
      [70, 40],
      [5, 60],
    ] as const) {
      const out = bicubicResizeRgb(rgb, 33, 17, width, height);
      expect(out).toHaveLength(width * height * 3);
      expect(out.every((value, i) => value === [12, 130, 251][i % 3])).toBe(true);
    }
  });

  it('filters each axis on its own: resizing one axis keeps every row (or column) of the other', () => {
    // A picture whose rows are all equal must come out with all rows equal when only its width changes.
    const row = randomRgb(2, 40);
    const rgb = new Uint8Array(40 * 6 * 3);
    for (let y = 0; y < 6; y++) rgb.set(row, y * 40 * 3);
    const out = bicubicResizeRgb(rgb, 40, 6, 17, 6);
    const first = out.subarray(0, 17 * 3);
    for (let y = 1; y < 6; y++) expect(out.subarray(y * 17 * 3, (y + 1) * 17 * 3)).toEqual(first);
  });

  it('clamps overshoot at hard edges to 0..255', () => {
    // The cubic's negative lobes overshoot at a black/white step when enlarging.
    const rgb = Uint8Array.from({ length: 8 * 3 }, (_, i) => (Math.floor(i / 3) < 4 ? 0 : 255));
    const out = bicubicResizeRgb(rgb, 8, 1, 29, 1);
    expect(Math.min(...out)).toBe(0);
    expect(Math.max(...out)).toBe(255);
  });

  it('refuses a buffer that does not match its stated size', () => {
    expect(() => bicubicResizeRgb(new Uint8Array(10), 2, 2, 1, 1)).toThrow(/expected 2x2x3 bytes/);
  });
});

describe('axisWeights', () => {
  it('widens the kernel by the shrink factor and sums each window to one', () => {
    const shrinking = axisWeights(640, 224);
    expect(shrinking.taps).toBe(Math.ceil(2 * (640 / 224)) * 2 + 1);
    const enlarging = axisWeights(100, 224);
    expect(enlarging.taps).toBe(5);
    for (const { weights, count, taps } of [shrinking, enlarging]) {
      for (let out = 0; out < count.length; out++) {
        let sum = 0;
        for (let i = 0; i < count[out]!; i++) sum += weights[out * taps + i]!;
        // Fixed point with 22 fractional bits; each weight is rounded on its own.
        expect(Math.abs(sum - 2 ** 22)).toBeLessThanOrEqual(taps);
      }
    }
  });

  it('clips windows at the borders instead of reading outside the image', () => {
    const { first, count } = axisWeights(300, 224);
    expect(first[0]).toBe(0);
    expect(first.at(-1)! + count.at(-1)!).toBe(300);
    for (let out = 0; out < 224; out++) expect(first[out]! + count[out]!).toBeLessThanOrEqual(300);
  });
});
