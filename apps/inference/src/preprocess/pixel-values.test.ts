import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoLikeJpeg, solidPng } from '../../test/helpers/test-images';
import { SeededRandom } from '../tiny-model/seeded-random';
import { decodeAndResize } from './decode-image';
import { sniffAllowedFormat } from './image-header';
import { ImageRejectedError } from './image-rejected-error';
import { PixelBufferPool, preprocessBatch, preprocessImage } from './pixel-values';
import { PreprocessorConfig } from './preprocessor-config';

const MEAN = [0.48145466, 0.4578275, 0.40821073];
const STD = [0.26862954, 0.26130258, 0.27577711];
const config = PreprocessorConfig.parse({
  size: { height: 224, width: 224 },
  image_mean: MEAN,
  image_std: STD,
});
const PLANE = 224 * 224;
/** BLIP-2's normalization of one uint8 sample, computed independently of the code under test. */
const normalized = (value: number, channel: number) =>
  (value / 255 - MEAN[channel]!) / STD[channel]!;

/** A PNG whose header claims width x height, with a tiny body: the pixel limit must refuse it from the header. */
function pngClaimingSize(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(width + 1))), // one row; the rest is "missing"
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A photo-like picture with per-pixel noise, as PNG (so nothing but the resize differs). */
async function noisyPng(width: number, height: number): Promise<Buffer> {
  const random = new SeededRandom(width * height);
  const { data } = await sharp(await photoLikeJpeg(width, width, height))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const noisy = data.map((value) =>
    Math.min(255, Math.max(0, value + Math.round((random.uniform() - 0.5) * 40))),
  );
  return sharp(noisy, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** Bitwise equality of two float arrays (toEqual walks half a million elements far more slowly). */
const sameFloats = (a: Float32Array, b: Float32Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );

async function rejection(input: Buffer | string): Promise<ImageRejectedError> {
  const error = await decodeAndResize(input, 224, 224).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageRejectedError);
  return error as ImageRejectedError;
}

describe('preprocessing', () => {
  let dir: string;
  beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'captionary-pre-'))));
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('matches the reference normalization exactly on a 224x224 image (no resampling involved)', async () => {
    const random = new SeededRandom(3);
    const pixels = Buffer.from(
      Array.from({ length: PLANE * 3 }, () => Math.floor(random.uniform() * 256)),
    );
    const png = await sharp(pixels, { raw: { width: 224, height: 224, channels: 3 } })
      .png()
      .toBuffer();
    const planes = await preprocessImage(png, config);
    let maxError = 0;
    for (let channel = 0; channel < 3; channel++) {
      for (let pixel = 0; pixel < PLANE; pixel++) {
        const expected = normalized(pixels[pixel * 3 + channel]!, channel);
        maxError = Math.max(maxError, Math.abs(planes[channel * PLANE + pixel]! - expected));
      }
    }
    expect(maxError).toBeLessThan(1e-5);
  });

  it('resizes any size to 224x224 and normalizes a constant colour to the formula', async () => {
    const planes = await preprocessImage(
      await solidPng(500, 130, { r: 10, g: 128, b: 250 }),
      config,
    );
    expect(planes).toHaveLength(3 * PLANE);
    [10, 128, 250].forEach((value, channel) => {
      const plane = planes.subarray(channel * PLANE, (channel + 1) * PLANE);
      const expected = normalized(value, channel);
      expect(plane.every((sample) => Math.abs(sample - expected) < 1e-5)).toBe(true);
    });
  });

  it.each([
    ['fast', 40],
    ['fast', 240],
    ['exact', 240],
  ] as const)(
    'applies EXIF orientation before resizing (%s mode, %i px tall)',
    async (mode, side) => {
      // Stored landscape: left half red, right half blue; orientation 6 means "rotate 90° clockwise",
      // so the displayed image is portrait with red on top. A 40 px side must be enlarged, which the
      // fast mode does the exact way; 240 px shrinks in libvips.
      const left = await solidPng(side, side, { r: 255, g: 0, b: 0 });
      const stored = await sharp({
        create: { width: 2 * side, height: side, channels: 3, background: { r: 0, g: 0, b: 255 } },
      })
        .composite([{ input: left, left: 0, top: 0 }])
        .withMetadata({ orientation: 6 })
        .jpeg({ quality: 95 })
        .toBuffer();
      const { rgb } = await decodeAndResize(stored, 224, 224, mode);
      const at = (x: number, y: number) => [
        ...rgb.subarray((y * 224 + x) * 3, (y * 224 + x) * 3 + 3),
      ];
      expect(at(112, 20)[0]).toBeGreaterThan(200); // top: red
      expect(at(112, 20)[2]).toBeLessThan(60);
      expect(at(112, 200)[2]).toBeGreaterThan(200); // bottom: blue
    },
  );

  it('fast mode enlarges the exact way: same bytes as exact mode for a source under 224 px', async () => {
    const small = await noisyPng(150, 300);
    const fast = await decodeAndResize(small, 224, 224, 'fast');
    expect(fast.rgb.equals((await decodeAndResize(small, 224, 224, 'exact')).rgb)).toBe(true);
  });

  it('fast mode shrinks in libvips: within half a level of exact mode on average, not identical', async () => {
    const large = await noisyPng(640, 480);
    const fast = (await decodeAndResize(large, 224, 224, 'fast')).rgb;
    const exact = (await decodeAndResize(large, 224, 224, 'exact')).rgb;
    let total = 0;
    for (let i = 0; i < fast.length; i++) total += Math.abs(fast[i]! - exact[i]!);
    expect(total / fast.length).toBeLessThan(0.5);
    expect(fast.equals(exact)).toBe(false);
  });

  it('flattens transparency onto white', async () => {
    const { rgb } = await decodeAndResize(
      await solidPng(50, 50, { r: 0, g: 0, b: 0, alpha: 0 }),
      224,
      224,
    );
    expect(rgb.every((value) => value === 255)).toBe(true);
  });

  it('converts CMYK and 16-bit images to 8-bit sRGB', async () => {
    const cmyk = await sharp({
      create: { width: 64, height: 64, channels: 3, background: '#ff0000' },
    })
      .toColourspace('cmyk')
      .jpeg()
      .toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const fromCmyk = await decodeAndResize(cmyk, 224, 224);
    expect(fromCmyk.rgb[0]).toBeGreaterThan(180);
    expect(fromCmyk.rgb[1]).toBeLessThan(60);

    const sixteenBit = await sharp({
      create: { width: 64, height: 64, channels: 3, background: '#804020' },
    })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect((await sharp(sixteenBit).metadata()).depth).toBe('ushort');
    const fromSixteen = await decodeAndResize(sixteenBit, 224, 224);
    expect([...fromSixteen.rgb.subarray(0, 3)]).toEqual([0x80, 0x40, 0x20]);
  });

  it('reads only the first frame of an animated GIF with many frames', async () => {
    const frames = 1000;
    const size = 8;
    const pixels = Buffer.alloc(size * size * frames * 3);
    // Frame 0 red, then alternating blue and green (identical neighbours would be merged by the encoder).
    const frameBytes = size * size * 3;
    for (let i = 0; i < pixels.length; i += 3) {
      const frame = Math.floor(i / frameBytes);
      if (frame === 0) pixels[i] = 255;
      else pixels.set(frame % 2 ? [0, 0, 255] : [0, 255, 0], i);
    }
    const gif = await sharp(pixels, {
      raw: { width: size, height: size * frames, channels: 3, pageHeight: size },
    })
      .gif()
      .toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(frames);
    const { rgb } = await decodeAndResize(gif, 224, 224);
    expect(rgb[0]).toBeGreaterThan(200);
    expect(rgb[2]).toBeLessThan(60);
  });

  it('refuses a 14000x14000 PNG from its header, before decoding', async () => {
    const error = await rejection(pngClaimingSize(14000, 14000));
    expect(error.reason).toBe('too-many-pixels');
    expect(error.message).toMatch(/14000x14000/);
  });

  it('refuses SVG (not on the format allow-list)', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    expect((await rejection(svg)).reason).toBe('unsupported-format');
  });

  it('refuses truncated, empty and fake images with a reason', async () => {
    const jpeg = await sharp({
      create: { width: 256, height: 256, channels: 3, background: '#3366aa' },
    })
      .jpeg()
      .toBuffer();
    expect((await rejection(jpeg.subarray(0, jpeg.length / 2))).reason).toBe('undecodable');
    expect((await rejection(Buffer.alloc(0))).reason).toBe('empty');

    const emptyFile = join(dir, 'empty.jpg');
    const textFile = join(dir, 'notes.jpg');
    await writeFile(emptyFile, '');
    await writeFile(textFile, 'this is a text file, not a JPEG\n');
    expect((await rejection(emptyFile)).reason).toBe('empty');
    expect((await rejection(textFile)).reason).toBe('undecodable');
    expect((await rejection(join(dir, 'absent.jpg'))).reason).toBe('unreadable');
  });

  it('assembles a batch tensor and reports rejected items by index', async () => {
    const good = await solidPng(30, 30, { r: 255, g: 255, b: 255 });
    const batch = await preprocessBatch([good, Buffer.from('nope'), good], config);
    expect(batch.accepted).toEqual([0, 2]);
    expect(batch.dims).toEqual([2, 3, 224, 224]);
    expect(batch.pixelValues).toHaveLength(2 * 3 * PLANE);
    expect(batch.rejected.get(1)?.reason).toBe('undecodable');
    expect(batch.pixelValues[3 * PLANE]).toBeCloseTo(normalized(255, 0), 5);
  });

  it('assembles the same tensor in exact mode, two decodes at a time, refused images included', async () => {
    const images = await Promise.all(
      [4, 5, 6, 7].map((seed) => photoLikeJpeg(seed, 300 + seed * 10, 260)),
    );
    const inputs = [images[0]!, Buffer.from('nope'), images[1]!, images[2]!, images[3]!];
    const batch = await preprocessBatch(inputs, config, { resizeMode: 'exact' });
    expect(batch.accepted).toEqual([0, 2, 3, 4]);
    expect(batch.rejected.get(1)?.reason).toBe('undecodable');
    for (const [slot, image] of images.entries()) {
      const alone = await preprocessImage(image, config, 'exact');
      expect(
        sameFloats(batch.pixelValues.subarray(slot * 3 * PLANE, (slot + 1) * 3 * PLANE), alone),
      ).toBe(true);
    }
  });

  it('gives the same tensor from reused buffers, with refused images in between', async () => {
    const images = await Promise.all(
      [1, 2, 3].map((seed) => photoLikeJpeg(seed, 320 + seed * 16, 240)),
    );
    const fresh = await preprocessBatch(images, config);
    const pool = new PixelBufferPool();
    const first = await preprocessBatch(images, config, { buffers: pool });
    expect(sameFloats(first.pixelValues, fresh.pixelValues)).toBe(true);
    pool.release(first.pixelValues);

    // Same length, so the first batch's buffer (still holding its values) is handed out again.
    const mixed = [images[2]!, Buffer.from('nope'), images[0]!];
    const second = await preprocessBatch(mixed, config, { buffers: pool });
    expect(second.pixelValues.buffer).toBe(first.pixelValues.buffer);
    expect(second.accepted).toEqual([0, 2]);
    expect(second.pixelValues).toHaveLength(2 * 3 * PLANE);
    expect(
      sameFloats(second.pixelValues.subarray(0, 3 * PLANE), fresh.pixelValues.subarray(6 * PLANE)),
    ).toBe(true);
    expect(
      sameFloats(second.pixelValues.subarray(3 * PLANE), fresh.pixelValues.subarray(0, 3 * PLANE)),
    ).toBe(true);
  });

  it('reads a file path once and decodes it like its bytes', async () => {
    const bytes = await photoLikeJpeg(4);
    const file = join(dir, 'photo.jpg');
    await writeFile(file, bytes);
    expect((await decodeAndResize(file, 224, 224)).rgb).toEqual(
      (await decodeAndResize(bytes, 224, 224)).rgb,
    );
  });

  it('recognises allow-listed signatures and leaves everything else to the header check', async () => {
    const jpeg = await photoLikeJpeg(5);
    expect(sniffAllowedFormat(jpeg)).toBe('jpeg');
    expect(sniffAllowedFormat(await solidPng(4, 4, { r: 1, g: 2, b: 3 }))).toBe('png');
    const tiny = sharp({ create: { width: 4, height: 4, channels: 3, background: '#123456' } });
    expect(sniffAllowedFormat(await tiny.clone().gif().toBuffer())).toBe('gif');
    expect(sniffAllowedFormat(await tiny.clone().webp().toBuffer())).toBe('webp');
    expect(sniffAllowedFormat(await tiny.clone().tiff().toBuffer())).toBe('tiff');
    expect(sniffAllowedFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(
      undefined,
    );
    expect(sniffAllowedFormat(jpeg.subarray(0, 2))).toBe(undefined);
  });
});
