import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoLikeJpeg } from '../../test/helpers/test-images';
import { buildTinyModelInTempDir } from '../../test/helpers/tiny-model-dir';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('./caption.ts', import.meta.url));

async function caption(args: string[]) {
  // Without INIT_CWD (set when npm runs the script), paths resolve against the process cwd.
  const { INIT_CWD: _initCwd, ...env } = process.env;
  return run(process.execPath, ['--import', 'tsx', CLI, ...args], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('caption CLI', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ dir, cleanup } = await buildTinyModelInTempDir()));
  afterAll(async () => cleanup());

  it('prints one JSON object per image, errors included, and exits 0', async () => {
    const good = join(dir, '..', 'photo.jpg');
    const bad = join(dir, '..', 'bad.jpg');
    await writeFile(good, await photoLikeJpeg(5));
    await writeFile(bad, 'plain text');
    const { code, stdout } = await caption([
      '--model',
      dir,
      '--beams',
      '2',
      '--max-new-tokens',
      '6',
      good,
      bad,
    ]);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      {
        file: good,
        caption: expect.any(String),
        score: expect.any(Number),
        ms: expect.any(Number),
      },
      // The reason once, then the decoder's own words.
      { file: bad, error: expect.stringMatching(/^undecodable: (?!image rejected)/) },
    ]);
  });

  it('exits non-zero on usage and model errors', async () => {
    expect((await caption([])).code).toBe(2);
    expect((await caption(['--beams', '9', 'x.jpg'])).code).toBe(2);
    const missingModel = await caption(['--model', join(dir, 'nope'), 'x.jpg']);
    expect(missingModel.code).toBe(1);
    expect(missingModel.stderr).toMatch(/folder does not exist/);
  });
});
