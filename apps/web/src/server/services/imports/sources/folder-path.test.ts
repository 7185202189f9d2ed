import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { folderSource } from './folder-source';
import { checkRelativeFolderPath, resolveFolderBelowRoot } from './folder-path';

let root: string;
let outside: string;

beforeAll(async () => {
  const base = await mkdtemp(path.join(tmpdir(), 'captionary-folder-'));
  root = path.join(base, 'root');
  outside = path.join(base, 'outside');
  await mkdir(path.join(root, 'set/nested'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(path.join(root, 'set/a.jpg'), 'a');
  await writeFile(path.join(root, 'set/nested/b.PNG'), 'b');
  await writeFile(path.join(root, 'set/notes.txt'), 'not listed');
  await writeFile(path.join(outside, 'secret.jpg'), 'secret');
  await symlink(path.join(outside, 'secret.jpg'), path.join(root, 'set/leak.jpg'));
  await symlink(outside, path.join(root, 'escape'));
  await symlink(path.join(root, 'set/a.jpg'), path.join(root, 'set/inside-link.jpg'));
});

describe('checkRelativeFolderPath', () => {
  it.each(['../etc', 'set/../../etc', '/etc', 'C:/Windows', '\\\\server\\share', 'a\0b'])(
    'refuses %j',
    (input) => {
      expect(() => checkRelativeFolderPath(input)).toThrow();
    },
  );

  it('normalises harmless paths', () => {
    expect(checkRelativeFolderPath('./set//nested/')).toBe('set/nested');
    expect(checkRelativeFolderPath('')).toBe('');
  });
});

describe('resolveFolderBelowRoot', () => {
  it('refuses a folder link that leaves the root, and missing folders', async () => {
    await expect(resolveFolderBelowRoot(root, 'escape')).rejects.toThrow(/leaves the data root/);
    await expect(resolveFolderBelowRoot(root, 'nope')).rejects.toThrow(/does not exist/);
    await expect(resolveFolderBelowRoot(root, 'set')).resolves.toContain('set');
  });
});

describe('folderSource', () => {
  it('lists image files recursively and refuses to read links that leave the root', async () => {
    const source = folderSource(root, 'set', 1024);
    const signal = new AbortController().signal;
    const items = await source.list(signal);
    expect(items.map((item) => item.externalId)).toEqual([
      'a.jpg',
      'inside-link.jpg',
      'leak.jpg',
      'nested/b.PNG',
    ]);
    expect(items[3]!.sourceUri).toBe('set/nested/b.PNG');
    expect((await source.read(items[0]!, signal)).toString()).toBe('a');
    expect((await source.read(items[1]!, signal)).toString()).toBe('a');
    await expect(source.read(items[2]!, signal)).rejects.toThrow(/leaves the data root/);
  });

  it('is disabled without DATA_ROOT', async () => {
    await expect(
      folderSource(undefined, 'set', 1024).list(new AbortController().signal),
    ).rejects.toThrow(/DATA_ROOT is not set/);
  });
});
