// Streams the files of a multipart request to a temporary folder, never holding more than one
// chunk in memory; files over the size limit are cut off and remembered as too large.
import busboy from 'busboy';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { AppError } from '../../errors';

export interface ReceivedFile {
  /** The file name the client sent (may be a relative path such as `cats/1.jpg`). */
  name: string;
  path: string;
  tooLarge: boolean;
}

export interface MultipartLimits {
  maxBytes: number;
  maxFiles: number;
}

/** A file name usable as an external id: no control characters, forward slashes, bounded length. */
export function cleanUploadName(name: string, index: number): string {
  // Control characters (U+0000 to U+001F and DEL) never belong in a name shown to people.
  const printable = [...name].filter((char) => {
    const code = char.charCodeAt(0);
    return code > 0x1f && code !== 0x7f;
  });
  const cleaned = printable.join('').replace(/\\/g, '/').trim();
  return (cleaned || `upload-${index + 1}`).slice(0, 1024);
}

export async function receiveMultipartFiles(
  request: Request,
  tempDir: string,
  limits: MultipartLimits,
): Promise<ReceivedFile[]> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType) || !request.body) {
    throw new AppError('INVALID_INPUT', 'Send files as multipart/form-data');
  }
  await mkdir(tempDir, { recursive: true });
  const files: ReceivedFile[] = [];
  const writes: Promise<void>[] = [];
  let tooManyFiles = false;
  const parser = busboy({
    headers: { 'content-type': contentType },
    // Keep folder names from dropped folders: `cats/1.jpg` and `dogs/1.jpg` are different rows.
    preservePath: true,
    limits: { fileSize: limits.maxBytes, files: limits.maxFiles, fields: 100 },
  });
  parser.on('file', (_field, stream, info) => {
    const file: ReceivedFile = {
      name: cleanUploadName(info.filename ?? '', files.length),
      path: path.join(tempDir, randomUUID()),
      tooLarge: false,
    };
    files.push(file);
    stream.on('limit', () => {
      file.tooLarge = true;
    });
    writes.push(pipeline(stream, createWriteStream(file.path)));
  });
  parser.on('filesLimit', () => {
    tooManyFiles = true;
  });
  try {
    await pipeline(Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>), parser);
    await Promise.all(writes);
  } catch {
    throw new AppError(
      'INVALID_INPUT',
      'The upload was interrupted or is not valid multipart data',
    );
  }
  if (tooManyFiles) {
    throw new AppError('INVALID_INPUT', `Send at most ${limits.maxFiles} files per request`);
  }
  if (!files.length) throw new AppError('INVALID_INPUT', 'The request has no files');
  return files;
}
