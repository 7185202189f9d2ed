// Files that are images and something else at once, or images built to exhaust a decoder. The
// simpler hostile inputs (bombs, SVG, HTML, truncated JPEG) live with the import tests' fixtures.
import sharp from 'sharp';
import {
  jpegBytes,
  withJpegComment,
} from '../../src/server/services/imports/testing/image-fixtures';

const SCRIPT = '<html><body><script>alert(document.domain)</script></body></html>';

/** A valid JPEG whose comment segment is an HTML page with a script. */
export async function jpegHtmlPolyglot(): Promise<Buffer> {
  return withJpegComment(await jpegBytes(4242), SCRIPT);
}

/** A valid GIF with a comment extension holding an HTML page with a script. */
export async function gifHtmlPolyglot(): Promise<Buffer> {
  const gif = await sharp({
    create: { width: 16, height: 16, channels: 3, background: { r: 200, g: 10, b: 10 } },
  })
    .gif()
    .toBuffer();
  // Header (6) + logical screen descriptor (7), then the global colour table when its flag is set.
  const flags = gif[10]!;
  const tableBytes = flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0;
  const at = 13 + tableBytes;
  const text = Buffer.from(SCRIPT, 'latin1');
  const subBlocks: Buffer[] = [];
  for (let offset = 0; offset < text.length; offset += 255) {
    const chunk = text.subarray(offset, offset + 255);
    subBlocks.push(Buffer.from([chunk.length]), chunk);
  }
  const comment = Buffer.concat([Buffer.from([0x21, 0xfe]), ...subBlocks, Buffer.from([0])]);
  return Buffer.concat([gif.subarray(0, at), comment, gif.subarray(at)]);
}

/** An animated GIF of `frames` frames of 32×24 pixels each. */
export async function animatedGif(frames: number): Promise<Buffer> {
  const pages = await Promise.all(
    Array.from({ length: frames }, (_, n) =>
      sharp({
        create: { width: 32, height: 24, channels: 3, background: { r: n % 256, g: 80, b: 160 } },
      })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(pages, { join: { animated: true } })
    .gif()
    .toBuffer();
}
