import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ObjectStorage, StorageKeyError } from './object-storage';

describe('ObjectStorage', () => {
  const storage = new ObjectStorage(mkdtempSync(path.join(os.tmpdir(), 'storage-')));

  it('writes and reads back a file under a nested key', async () => {
    await storage.write('projects/p1/rows/abc.jpg', Buffer.from('data'));
    expect((await storage.read('projects/p1/rows/abc.jpg')).toString()).toBe('data');
  });

  it.each([
    '../etc/passwd',
    'a/../../b',
    '/etc/passwd',
    'a\\b',
    '',
    'a//b',
    './a',
    'a/./b',
    '.hidden',
  ])('refuses the unsafe key %j', (key) => {
    expect(() => storage.pathOf(key)).toThrow(StorageKeyError);
  });
});
