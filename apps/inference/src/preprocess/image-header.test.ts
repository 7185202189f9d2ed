import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sniffImageSize } from './image-header';

const picture = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 9, g: 99, b: 199 } } });

describe('sniffImageSize', () => {
  it.each([
    ['jpeg', (w: number, h: number) => picture(w, h).jpeg().toBuffer()],
    [
      'progressive jpeg',
      (w: number, h: number) => picture(w, h).jpeg({ progressive: true }).toBuffer(),
    ],
    [
      'jpeg with EXIF',
      (w: number, h: number) => picture(w, h).withMetadata({ orientation: 6 }).jpeg().toBuffer(),
    ],
    ['png', (w: number, h: number) => picture(w, h).png().toBuffer()],
    ['gif', (w: number, h: number) => picture(w, h).gif().toBuffer()],
  ])('reads the stored size of a %s', async (_format, encode) => {
    expect(sniffImageSize(await encode(301, 77))).toEqual({ width: 301, height: 77 });
  });

  it('answers undefined for other formats and for headers it cannot read', async () => {
    expect(sniffImageSize(await picture(30, 20).webp().toBuffer())).toBeUndefined();
    expect(sniffImageSize(Buffer.from('not an image at all'))).toBeUndefined();
    const jpeg = await picture(30, 20).jpeg().toBuffer();
    expect(sniffImageSize(jpeg.subarray(0, 30))).toBeUndefined();
    expect(sniffImageSize(Buffer.from([0xff, 0xd8, 0x00, 0x00, 0x00]))).toBeUndefined();
  });
});
