// A folder on the server below DATA_ROOT, read recursively. Symlinks are followed only while they
// stay inside the root; each file is re-checked when read, as the disk may change meanwhile.
import { IMAGE_FILE_EXTENSIONS } from '@captionary/shared';
import { constants } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ImportItemError, ImportSourceError } from '../import-item-error';
import { tooLarge } from '../safe-http-fetch';
import { checkRelativeFolderPath, realFileInside, resolveFolderBelowRoot } from './folder-path';
import type { ImportSource, SourceItem } from './import-source';

function isImageFileName(name: string): boolean {
  return IMAGE_FILE_EXTENSIONS.has(path.extname(name).slice(1).toLowerCase());
}

async function listImageFiles(
  root: string,
  folder: string,
  signal: AbortSignal,
): Promise<string[]> {
  const found: string[] = [];
  const pending = [folder];
  while (pending.length) {
    signal.throwIfAborted();
    const dir = pending.pop()!;
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      // Linked files are listed and checked when read; linked folders are not walked (loops).
      else if ((entry.isFile() || entry.isSymbolicLink()) && isImageFileName(entry.name)) {
        found.push(full);
      }
    }
  }
  return found.sort();
}

export function folderSource(
  dataRoot: string | undefined,
  relativeFolder: string,
  maxBytes: number,
): ImportSource {
  let realRoot: string | undefined;
  let realFolder: string | undefined;
  const folderLabel = checkRelativeFolderPath(relativeFolder);
  return {
    async list(signal) {
      if (!dataRoot) {
        throw new ImportSourceError('Server folder imports are disabled: DATA_ROOT is not set');
      }
      realFolder = await resolveFolderBelowRoot(dataRoot, relativeFolder);
      realRoot = await resolveFolderBelowRoot(dataRoot, '');
      const files = await listImageFiles(realRoot, realFolder, signal);
      return files.map((file): SourceItem => {
        const relative = path.relative(realFolder!, file).split(path.sep).join('/');
        return {
          externalId: relative,
          sourceUri: folderLabel ? `${folderLabel}/${relative}` : relative,
        };
      });
    },
    async read(item) {
      if (!realRoot || !realFolder) throw new Error('folder source read before list');
      const real = await realFileInside(realRoot, path.join(realFolder, item.externalId));
      // O_NOFOLLOW: if the checked path was swapped for a link since, opening fails.
      const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => {
        throw new ImportItemError('The file could not be opened');
      });
      try {
        const stat = await handle.stat();
        if (!stat.isFile()) throw new ImportItemError('Not a regular file');
        if (stat.size > maxBytes) throw tooLarge(maxBytes);
        return await handle.readFile();
      } finally {
        await handle.close();
      }
    },
  };
}
