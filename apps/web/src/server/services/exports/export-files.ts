// Stored export files (background exports) in the platform's storage folder, gzipped: exports
// are highly repetitive JSON and shrink about tenfold.
import type { ObjectStorage } from '@captionary/db';
import { EXPORT_FORMAT_DETAILS, type ExportFormatName } from '@captionary/shared';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { createGunzip, createGzip } from 'node:zlib';

/** Where an export's file is stored. */
export function exportStorageKey(projectId: string, exportId: string, format: ExportFormatName) {
  return `exports/${projectId}/${exportId}.${EXPORT_FORMAT_DETAILS[format].extension}.gz`;
}

/** Gzips `bytes` into the key's file; readers never see a partial file (temp file + rename). */
export async function writeExportFile(
  storage: ObjectStorage,
  key: string,
  bytes: ReadableStream<Uint8Array>,
): Promise<void> {
  const target = storage.pathOf(key);
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomUUID()}.tmp`;
  try {
    await pipeline(
      Readable.fromWeb(bytes as NodeWebReadableStream<Uint8Array>),
      createGzip(),
      createWriteStream(temp),
    );
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The stored file's text as a web stream, inflated as it is read. */
export function readExportFile(storage: ObjectStorage, key: string): ReadableStream<Uint8Array> {
  const file = createReadStream(storage.pathOf(key));
  const body = file.pipe(createGunzip());
  file.once('error', (error) => body.destroy(error));
  return Readable.toWeb(body) as ReadableStream<Uint8Array>;
}
