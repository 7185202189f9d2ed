// Image bytes for import tests: real encodes from sharp, and hostile inputs built by hand.
import sharp from 'sharp';
import { crc32, deflateSync } from 'node:zlib';

/** `jpeg` with a comment segment after its start marker: same pixels, different bytes. */
export function withJpegComment(jpeg: Buffer, comment: string): Buffer {
  const text = Buffer.from(comment, 'latin1');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(text.length + 2);
  return Buffer.concat([
    jpeg.subarray(0, 2),
    Buffer.from([0xff, 0xfe]),
    length,
    text,
    jpeg.subarray(2),
  ]);
}

/** A small JPEG whose colour depends on `seed` and whose bytes are unique to it. */
export async function jpegBytes(seed: number, width = 64, height = 48): Promise<Buffer> {
  const jpeg = await sharp({
    create: {
      width,
      height,
      channels: 3,
      // Distinct colours (so distinct bytes) for every seed below 65536.
      background: { r: seed & 255, g: (seed >> 8) & 255, b: (seed * 37) & 255 },
    },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
  return withJpegComment(jpeg, `seed ${seed}`);
}

export async function pngBytes(seed: number): Promise<Buffer> {
  return sharp({
    create: {
      width: 40,
      height: 30,
      channels: 4,
      background: { r: seed % 256, g: 9, b: 9, alpha: 1 },
    },
  })
    .png()
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A decompression bomb: a valid 1-bit greyscale PNG of side×side pixels (400 MP at 20000) whose
 * all-zero image data deflates to a few dozen kilobytes.
 */
export function bombPng(side = 20_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rowBytes = 1 + Math.ceil(side / 8);
  const pixels = deflateSync(Buffer.alloc(rowBytes * side), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const SVG_WITH_SCRIPT = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
);
export const HTML_PAGE = Buffer.from('<!doctype html><html><body>not an image</body></html>');

/** The first half of a real JPEG: a valid header, then the data stops. */
export async function truncatedJpeg(): Promise<Buffer> {
  const full = await sharp({
    create: { width: 400, height: 300, channels: 3, background: { r: 10, g: 200, b: 30 } },
  })
    .composite([
      { input: Buffer.from(await noise()), raw: { width: 400, height: 300, channels: 3 } },
    ])
    .jpeg()
    .toBuffer();
  return full.subarray(0, Math.floor(full.length / 2));
}

async function noise(): Promise<Uint8Array> {
  const bytes = new Uint8Array(400 * 300 * 3);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 2654435761) >>> 24;
  return bytes;
}
