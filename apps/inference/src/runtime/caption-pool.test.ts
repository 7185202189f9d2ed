import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoLikeJpeg } from '../../test/helpers/test-images';
import { buildTinyModelInTempDir } from '../../test/helpers/tiny-model-dir';
import { ModelFolderError } from '../model/model-folder-error';
import { CaptionPool } from './caption-pool';
import { isCaptionFailure } from './caption-result';

describe('caption worker pool', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ dir, cleanup } = await buildTinyModelInTempDir()));
  afterAll(async () => cleanup());

  it('captions in worker threads and fails bad images individually', async () => {
    const pool = await CaptionPool.start({
      model: { kind: 'onnx', modelDir: dir, executionProviders: ['cpu'] },
      size: 2,
    });
    try {
      expect(pool.info).toMatchObject({ name: 'tiny-blip2', tiny: true, executionProvider: 'cpu' });
      const [first, second] = await Promise.all([photoLikeJpeg(1), photoLikeJpeg(2)]);
      const results = await pool.caption(
        [first!, Buffer.alloc(0), second!, Buffer.from('<svg/>')],
        { maxNewTokens: 8 },
      );
      expect(results).toHaveLength(4);
      expect(isCaptionFailure(results[0]!)).toBe(false);
      expect(results[1]).toMatchObject({ reason: 'empty' });
      expect(isCaptionFailure(results[2]!)).toBe(false);
      expect(results[3]).toMatchObject({
        reason: expect.stringMatching(/unsupported-format|undecodable/),
      });

      // Concurrent batches spread over both threads and give the same answers.
      const again = await Promise.all([
        pool.caption([first!], { maxNewTokens: 8 }),
        pool.caption([second!], { maxNewTokens: 8 }),
      ]);
      expect(again.map((batch) => batch[0])).toEqual(
        [results[0], results[2]].map((r) => ({ ...r, ms: expect.any(Number) })),
      );
    } finally {
      await pool.close();
    }
  });

  it('refuses to start on a tampered model folder', async () => {
    const config = join(dir, 'config.json');
    const original = await readFile(config, 'utf8');
    await writeFile(config, original.replace('"num_query_tokens": 8', '"num_query_tokens": 9'));
    try {
      const error = await CaptionPool.start({ model: { kind: 'onnx', modelDir: dir } }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ModelFolderError);
      expect((error as Error).message).toMatch(/config\.json: checksum mismatch/);
    } finally {
      await writeFile(config, original);
    }
  });

  it('runs the no-op model for overhead measurements', async () => {
    const pool = await CaptionPool.start({ model: { kind: 'noop', caption: 'nothing' } });
    try {
      expect(await pool.caption([Buffer.from('x')])).toEqual([
        { caption: 'nothing', score: 0, tokens: 0, tokenIds: [], ms: expect.any(Number) },
      ]);
    } finally {
      await pool.close();
    }
  });
});
