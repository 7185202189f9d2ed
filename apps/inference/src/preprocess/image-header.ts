// What an image's first bytes say, before any decoding: which allow-listed format it is, and for
// the common formats its stored size.

const startsWith = (bytes: Buffer, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/**
 * The allow-listed format whose signature starts `bytes`, or undefined. These are the magic numbers
 * libvips itself keys its loaders on (jpegload: FF D8; pngload: the 8-byte PNG signature;
 * gifload: GIF8; webpload: RIFF....WEBP; tiffload: II*\0 / MM\0*), and each of those loaders
 * outranks every other loader, so bytes that match here are opened by that loader.
 * HEIF/AVIF and anything unrecognised take the header-read path instead.
 */
export function sniffAllowedFormat(bytes: Buffer): string | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'tiff';
  return undefined;
}

/** Stored width and height of an image (before any EXIF orientation). */
export interface ImageSize {
  width: number;
  height: number;
}

/**
 * The stored size of a JPEG, PNG or GIF, read from its first bytes without decoding (a header
 * read through sharp costs ~0.3 ms an image; this costs microseconds). Undefined for other formats
 * or a header that cannot be read; the caller then asks the decoder.
 */
export function sniffImageSize(bytes: Buffer): ImageSize | undefined {
  switch (sniffAllowedFormat(bytes)) {
    case 'png':
      return bytes.length >= 24 && bytes.toString('ascii', 12, 16) === 'IHDR'
        ? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
        : undefined;
    case 'gif':
      return bytes.length >= 10
        ? { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) }
        : undefined;
    case 'jpeg':
      return jpegFrameSize(bytes);
    default:
      return undefined;
  }
}

/**
 * Walks the JPEG's marker segments to its start-of-frame (SOF0-SOF15 but DHT, JPG and DAC, which
 * share the range), whose body holds precision, height and width.
 */
function jpegFrameSize(bytes: Buffer): ImageSize | undefined {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += marker === 0xff ? 1 : 2; // a fill byte, or a marker without a length
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      if (offset + 9 > bytes.length) return undefined;
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    if (marker === 0xda || length < 2) return undefined; // scan data before any frame: malformed
    offset += 2 + length;
  }
  return undefined;
}
