// The rules for folder paths users type: always relative to DATA_ROOT, never able to leave it.
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { ImportItemError, ImportSourceError } from '../import-item-error';

/**
 * Checks a user-typed folder path before touching the disk: no NUL bytes, no absolute or drive
 * paths, no `..` segments. Returns it normalised with forward slashes ('' for the root itself).
 */
export function checkRelativeFolderPath(input: string): string {
  if (input.includes('\0')) throw new ImportSourceError('The folder path contains a NUL byte');
  const slashed = input.trim().replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) {
    throw new ImportSourceError('Give the folder path relative to the data root, not absolute');
  }
  const segments = slashed.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) {
    throw new ImportSourceError('The folder path may not contain ".."');
  }
  return segments.join('/');
}

/** True when `candidate` is `root` or inside it (both already real paths). */
export function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + path.sep);
}

/**
 * The real path of `relative` below the real DATA_ROOT, following symlinks, refused when that
 * lands outside the root.
 */
export async function resolveFolderBelowRoot(dataRoot: string, relative: string): Promise<string> {
  const root = await realpath(dataRoot).catch(() => {
    throw new ImportSourceError('The server data root (DATA_ROOT) does not exist');
  });
  const real = await realpath(path.join(root, checkRelativeFolderPath(relative))).catch(() => {
    throw new ImportSourceError(`Folder ${relative || '/'} does not exist under the data root`);
  });
  if (!isInside(root, real)) {
    throw new ImportSourceError('The folder is a link that leaves the data root');
  }
  return real;
}

/** A file's real path, refused when a symlink leads it outside `root`. */
export async function realFileInside(root: string, file: string): Promise<string> {
  const real = await realpath(file).catch(() => {
    throw new ImportItemError('The file no longer exists');
  });
  if (!isInside(root, real))
    throw new ImportItemError('The file is a link that leaves the data root');
  return real;
}
