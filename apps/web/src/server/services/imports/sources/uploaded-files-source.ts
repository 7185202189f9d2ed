import { readFile } from 'node:fs/promises';
import type { ReceivedFile } from '../multipart-files';
import { tooLarge } from '../safe-http-fetch';
import type { ImportSource } from './import-source';

/** Files received in an upload request, named by the file names the client sent. */
export function uploadedFilesSource(files: ReceivedFile[], maxBytes: number): ImportSource {
  // The first file of a name is the one imported; later ones count as duplicates.
  const byName = new Map<string, ReceivedFile>();
  for (const file of files) if (!byName.has(file.name)) byName.set(file.name, file);
  return {
    async list() {
      return files.map((file) => ({ externalId: file.name, sourceUri: file.name }));
    },
    async read(item) {
      const file = byName.get(item.externalId)!;
      if (file.tooLarge) throw tooLarge(maxBytes);
      return readFile(file.path);
    },
  };
}
