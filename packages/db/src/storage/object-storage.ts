// The platform's storage for image originals, thumbnails and export files: a folder on disk
// (STORAGE_DIR), addressed by keys like `projects/<id>/rows/<sha256>.jpg`. Keys are checked so
// that no key can name a path outside the folder.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SAFE_KEY = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*(\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/;

export class StorageKeyError extends Error {}

export class ObjectStorage {
  constructor(private readonly root: string) {}

  /** The file behind a key; refuses keys with `..`, absolute paths, backslashes or odd characters. */
  pathOf(key: string): string {
    if (!SAFE_KEY.test(key) || key.split('/').some((part) => part === '..' || part === '.')) {
      throw new StorageKeyError(`invalid storage key: ${JSON.stringify(key)}`);
    }
    const full = path.resolve(this.root, key);
    if (!full.startsWith(path.resolve(this.root) + path.sep))
      throw new StorageKeyError(`invalid storage key: ${key}`);
    return full;
  }

  read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  /** Writes atomically (temp file + rename), so a reader never sees half a file. */
  async write(key: string, data: Buffer | string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.tmp`;
    await writeFile(temp, data);
    await rename(temp, target);
  }

  remove(key: string): Promise<void> {
    return rm(this.pathOf(key), { force: true });
  }
}
