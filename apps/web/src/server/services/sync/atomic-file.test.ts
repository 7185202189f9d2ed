import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeFileIfPresent, writeFileIfChanged } from './atomic-file';

const folder = () => mkdtemp(path.join(tmpdir(), 'captionary-atomic-'));

describe('atomic caption files', () => {
  it('writes once, then reports unchanged content without rewriting', async () => {
    const dir = await folder();
    const target = path.join(dir, 'a.jpg.txt');
    expect(await writeFileIfChanged(target, Buffer.from('a cat\n'), 'x')).toBe('written');
    expect(await writeFileIfChanged(target, Buffer.from('a cat\n'), 'x')).toBe('unchanged');
    expect(await writeFileIfChanged(target, Buffer.from('a dog\n'), 'x')).toBe('written');
    expect(await readFile(target, 'utf8')).toBe('a dog\n');
    expect(await readdir(dir)).toEqual(['a.jpg.txt']);
  });

  it('refuses a folder or a link in the way and never writes through the link', async () => {
    const dir = await folder();
    await mkdir(path.join(dir, 'dir.jpg.txt'));
    await expect(
      writeFileIfChanged(path.join(dir, 'dir.jpg.txt'), Buffer.from('x'), 'the caption file'),
    ).rejects.toThrow('A folder is in the way of the caption file');
    await writeFile(path.join(dir, 'elsewhere'), 'keep');
    await symlink(path.join(dir, 'elsewhere'), path.join(dir, 'link.jpg.txt'));
    await expect(
      writeFileIfChanged(path.join(dir, 'link.jpg.txt'), Buffer.from('x'), 'the caption file'),
    ).rejects.toThrow('Something other than a file is in the way of the caption file');
    expect(await readFile(path.join(dir, 'elsewhere'), 'utf8')).toBe('keep');
    // Removal leaves folders and links alone: a sync never wrote them.
    expect(await removeFileIfPresent(path.join(dir, 'link.jpg.txt'), 'x')).toBe(false);
    expect(await removeFileIfPresent(path.join(dir, 'dir.jpg.txt'), 'x')).toBe(false);
    expect(await removeFileIfPresent(path.join(dir, 'absent.txt'), 'x')).toBe(false);
  });
});
