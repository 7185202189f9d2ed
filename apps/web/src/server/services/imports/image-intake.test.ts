import { describe, expect, it } from 'vitest';
import { inspectImage, makeThumbnail } from './image-intake';
import sharp from 'sharp';
import {
  bombPng,
  HTML_PAGE,
  jpegBytes,
  pngBytes,
  SVG_WITH_SCRIPT,
  truncatedJpeg,
} from './testing/image-fixtures';

describe('inspectImage', () => {
  it('reads format and size of accepted images from the header', async () => {
    expect(await inspectImage(await jpegBytes(1, 64, 48))).toEqual({
      format: 'jpeg',
      width: 64,
      height: 48,
    });
    expect((await inspectImage(await pngBytes(2))).format).toBe('png');
  });

  it('refuses HTML, SVG with a script, and empty input, whatever they are called', async () => {
    await expect(inspectImage(HTML_PAGE)).rejects.toThrow(/HTML/);
    await expect(inspectImage(SVG_WITH_SCRIPT)).rejects.toThrow(/SVG is not allowed/);
    await expect(inspectImage(Buffer.alloc(0))).rejects.toThrow(/empty/);
    await expect(inspectImage(Buffer.from('%PDF-1.7 ...'))).rejects.toThrow(/PDF/);
  });

  it('refuses a decompression bomb from its header, before decoding', async () => {
    const bomb = bombPng(20_000);
    expect(bomb.length).toBeLessThan(200_000);
    await expect(inspectImage(bomb)).rejects.toThrow(/20000x20000 pixels is over the limit/);
  });

  it('applies EXIF orientation to the recorded size', async () => {
    const rotated = await sharp(await jpegBytes(3, 64, 48))
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(await inspectImage(rotated)).toMatchObject({ width: 48, height: 64 });
  });
});

describe('makeThumbnail', () => {
  it('makes a WebP no larger than 256 px', async () => {
    const thumbnail = await makeThumbnail(await jpegBytes(4, 1000, 500));
    const metadata = await sharp(thumbnail).metadata();
    expect(metadata).toMatchObject({ format: 'webp', width: 256, height: 128 });
  });

  it('refuses a truncated JPEG', async () => {
    const truncated = await truncatedJpeg();
    await expect(inspectImage(truncated)).resolves.toMatchObject({ format: 'jpeg' });
    await expect(makeThumbnail(truncated)).rejects.toThrow(/truncated or corrupt/);
  });
});
