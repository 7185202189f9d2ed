// Uploaded files that are not what they claim to be, or are built to hurt the decoder. Each goes
// through the REST upload route; a refused file leaves no row and no stored file, an accepted one
// is only ever served back as the image type it was proven to be.
import {
  bombPng,
  HTML_PAGE,
  SVG_WITH_SCRIPT,
  truncatedJpeg,
} from '../../src/server/services/imports/testing/image-fixtures';
import { ADVISORY_CLASSES, type BadInputCase } from './bad-input-case';
import { animatedGif, gifHtmlPolyglot, jpegHtmlPolyglot } from './hostile-images';

export interface UploadedFile {
  name: string;
  type: string;
  bytes: () => Promise<Buffer>;
}

export interface FileCase extends BadInputCase {
  file: UploadedFile;
  /** Refused with this reason, or accepted and served back as `servedAs` at `size`. */
  outcome: { refused: RegExp } | { servedAs: string; size: { width: number; height: number } };
}

export const fileCases: FileCase[] = [
  {
    title: 'Decompression-bomb PNG declaring 14000×14000 pixels in a few kilobytes',
    advisoryClass: ADVISORY_CLASSES.resourceExhaustion,
    file: { name: 'bomb.png', type: 'image/png', bytes: async () => bombPng(14_000) },
    outcome: { refused: /14000x14000 pixels is over the limit of 100 megapixels/ },
  },
  {
    title: 'SVG with a script, named and typed as a JPEG',
    advisoryClass: ADVISORY_CLASSES.dangerousFile,
    file: { name: 'photo.jpg', type: 'image/jpeg', bytes: async () => SVG_WITH_SCRIPT },
    outcome: { refused: /SVG is not allowed/ },
  },
  {
    title: 'HTML page named .jpg',
    advisoryClass: ADVISORY_CLASSES.dangerousFile,
    file: { name: 'page.jpg', type: 'image/jpeg', bytes: async () => HTML_PAGE },
    outcome: { refused: /the content is HTML or XML/ },
  },
  {
    title: 'Plain text named .jpg',
    advisoryClass: ADVISORY_CLASSES.dangerousFile,
    file: {
      name: 'notes.jpg',
      type: 'image/jpeg',
      bytes: async () => Buffer.from('alert(document.cookie) // just text'),
    },
    outcome: { refused: /Not an image in an accepted format/ },
  },
  {
    title: 'Zero-byte file',
    advisoryClass: ADVISORY_CLASSES.malformedInput,
    file: { name: 'empty.jpg', type: 'image/jpeg', bytes: async () => Buffer.alloc(0) },
    outcome: { refused: /The file is empty/ },
  },
  {
    title: 'Truncated JPEG (valid header, data stops halfway)',
    advisoryClass: ADVISORY_CLASSES.malformedInput,
    file: { name: 'cut.jpg', type: 'image/jpeg', bytes: truncatedJpeg },
    outcome: { refused: /truncated or corrupt/ },
  },
  {
    title: 'JPEG that is also an HTML page with a script (polyglot), typed text/html',
    advisoryClass: ADVISORY_CLASSES.dangerousFile,
    file: { name: 'avatar.html', type: 'text/html', bytes: jpegHtmlPolyglot },
    outcome: { servedAs: 'image/jpeg', size: { width: 64, height: 48 } },
  },
  {
    title: 'GIF that is also an HTML page with a script (polyglot)',
    advisoryClass: ADVISORY_CLASSES.dangerousFile,
    file: { name: 'avatar.gif', type: 'image/gif', bytes: gifHtmlPolyglot },
    outcome: { servedAs: 'image/gif', size: { width: 16, height: 16 } },
  },
  {
    title: 'Animated GIF with 300 frames: only the first frame is read',
    advisoryClass: ADVISORY_CLASSES.resourceExhaustion,
    file: { name: 'frames.gif', type: 'image/gif', bytes: () => animatedGif(300) },
    outcome: { servedAs: 'image/gif', size: { width: 32, height: 24 } },
  },
];
