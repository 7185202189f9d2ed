import sharp from 'sharp';
import { SeededRandom } from '../../src/tiny-model/seeded-random';

/** A smooth random colour field as a JPEG: photo-like, and different for every seed. */
export async function photoLikeJpeg(seed: number, width = 320, height = 240): Promise<Buffer> {
  const random = new SeededRandom(seed);
  const coarse = Buffer.from(
    Array.from({ length: 8 * 6 * 3 }, () => Math.floor(random.uniform() * 256)),
  );
  return sharp(coarse, { raw: { width: 8, height: 6, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .jpeg({ quality: 90 })
    .toBuffer();
}

export function solidPng(
  width: number,
  height: number,
  colour: { r: number; g: number; b: number; alpha?: number },
) {
  const channels = colour.alpha === undefined ? 3 : 4;
  return sharp({ create: { width, height, channels, background: colour } })
    .png()
    .toBuffer();
}
