// Writing one file so that readers only ever see the old or the new content: write a temp file in
// the same folder, flush it, rename it over the target. The temp name is fixed per target, so a
// run killed mid-write leaves at most one stray temp file, which the next write reuses.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { splitLines, utf8Chunks } from './line-chunks';
import { SyncItemError } from './sync-errors';
import type { WriteOutcome } from './sync-target';

// O_NOFOLLOW: a link planted at the temp or existing path is never written through or read.
const WRITE_FLAGS =
  constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW;

/** The temp file a write of `target` goes through; dot-prefixed so folder imports skip it. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.captionary-sync.tmp`);
}

function describeFsError(error: unknown, what: string): SyncItemError {
  if (error instanceof SyncItemError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM')
    return new SyncItemError(`Permission denied writing ${what}`);
  if (code === 'EROFS') return new SyncItemError('The folder is read-only');
  if (code === 'ENOSPC') return new SyncItemError('The disk is full');
  if (code === 'ELOOP') return new SyncItemError(`A link is in the way of ${what}`);
  if (code === 'EISDIR') return new SyncItemError(`A folder is in the way of ${what}`);
  return new SyncItemError(`Could not write ${what}${code ? ` (${code})` : ''}`);
}

/** The kind of thing at `target`: absent, a regular file of some size, or something else. */
async function inspect(
  target: string,
  what: string,
): Promise<{ kind: 'absent' } | { kind: 'file'; size: number }> {
  const stat = await lstat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw describeFsError(error, what);
  });
  if (!stat) return { kind: 'absent' };
  if (stat.isDirectory()) throw new SyncItemError(`A folder is in the way of ${what}`);
  if (!stat.isFile())
    throw new SyncItemError(`Something other than a file is in the way of ${what}`);
  return { kind: 'file', size: stat.size };
}

async function readNoFollow(target: string): Promise<Buffer> {
  const handle = await open(target, READ_FLAGS);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

async function sha256OfFile(target: string): Promise<string> {
  const handle = await open(target, READ_FLAGS);
  try {
    const hash = createHash('sha256');
    for await (const chunk of handle.createReadStream({ autoClose: false })) {
      hash.update(chunk as Buffer);
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

async function writeThroughTemp(
  target: string,
  what: string,
  fill: (handle: FileHandle) => Promise<void>,
): Promise<void> {
  const temp = tempPathFor(target);
  try {
    const handle = await open(temp, WRITE_FLAGS, 0o644);
    try {
      await fill(handle);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw describeFsError(error, what);
  }
}

/** Writes `bytes` to `target` atomically unless it already holds exactly them. */
export async function writeFileIfChanged(
  target: string,
  bytes: Buffer,
  what: string,
): Promise<WriteOutcome> {
  const current = await inspect(target, what);
  if (current.kind === 'file' && current.size === bytes.length) {
    const existing = await readNoFollow(target).catch((error: unknown) => {
      throw describeFsError(error, what);
    });
    if (existing.equals(bytes)) {
      // A run killed between writing and renaming leaves its temp file; drop it here.
      await unlink(tempPathFor(target)).catch(() => undefined);
      return 'unchanged';
    }
  }
  await writeThroughTemp(target, what, async (handle) => {
    await handle.writeFile(bytes);
  });
  return 'written';
}

/**
 * Writes streamed `lines` to `target` atomically unless the result equals the current content.
 * Memory stays constant: the new content is compared by hash after it has been written aside.
 */
export async function writeStreamIfChanged(
  target: string,
  lines: AsyncIterable<string>,
  what: string,
  signal: AbortSignal,
): Promise<WriteOutcome> {
  const current = await inspect(target, what);
  const temp = tempPathFor(target);
  const hash = createHash('sha256');
  let size = 0;
  try {
    const handle = await open(temp, WRITE_FLAGS, 0o644);
    try {
      for await (const chunk of utf8Chunks(lines, signal)) {
        hash.update(chunk);
        size += chunk.length;
        await handle.write(chunk);
      }
      await handle.datasync();
    } finally {
      await handle.close();
    }
    const unchanged =
      current.kind === 'file' &&
      current.size === size &&
      (await sha256OfFile(target)) === hash.digest('hex');
    if (unchanged) {
      await unlink(temp);
      return 'unchanged';
    }
    await rename(temp, target);
    return 'written';
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    if (signal.aborted) throw error;
    throw describeFsError(error, what);
  }
}

/** Removes the regular file at `target`; false when nothing (or no file of ours) is there. */
export async function removeFileIfPresent(target: string, what: string): Promise<boolean> {
  const stat = await lstat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw describeFsError(error, what);
  });
  // A folder or link with the sidecar's name was not written by a sync: leave it alone.
  if (!stat?.isFile()) return false;
  try {
    await unlink(target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw describeFsError(error, what);
  }
}

/** The file's lines, read without following a link; none when there is no regular file. */
export async function* readFileLines(target: string): AsyncIterable<string> {
  const stat = await lstat(target).catch(() => null);
  if (!stat?.isFile()) return;
  const handle = await open(target, READ_FLAGS);
  try {
    yield* splitLines(handle.createReadStream({ encoding: 'utf8', autoClose: false }));
  } finally {
    await handle.close();
  }
}
