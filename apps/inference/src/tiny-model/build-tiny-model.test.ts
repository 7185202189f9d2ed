import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readModelFolder } from '../model/read-model-folder';
import { openModelSessions } from '../model/open-sessions';
import { buildTinyModelInTempDir } from '../../test/helpers/tiny-model-dir';

describe('tiny model builder', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => Promise.all(cleanups.map((cleanup) => cleanup())));

  it('builds byte-identical folders on every run', async () => {
    const first = await buildTinyModelInTempDir();
    const second = await buildTinyModelInTempDir();
    cleanups.push(first.cleanup, second.cleanup);
    const [a, b] = await Promise.all([readModelFolder(first.dir), readModelFolder(second.dir)]);
    expect(a.manifest.files).toEqual(b.manifest.files);
    expect(Object.keys(a.manifest.files).sort()).toEqual([
      'config.json',
      'decoder_model_merged.onnx',
      'embed_tokens.onnx',
      'generation_config.json',
      'preprocessor_config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'vision_encoder.onnx',
    ]);
    expect(a.manifest).toMatchObject({ name: 'tiny-blip2', tiny: true });
  });

  it('stays small and loads in onnxruntime with the contract names', async () => {
    const { dir, cleanup } = await buildTinyModelInTempDir();
    cleanups.push(cleanup);
    const files = await readdir(dir);
    const sizes = await Promise.all(files.map(async (file) => (await stat(join(dir, file))).size));
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(4 * 1024 * 1024);

    const sessions = await openModelSessions(await readModelFolder(dir), {
      executionProviders: ['cpu'],
    });
    expect(sessions.visionEncoder.inputNames).toEqual(['pixel_values']);
    expect(sessions.embedTokens.outputNames).toEqual(['inputs_embeds']);
    expect(sessions.decoder.outputNames).toContain('present.1.value');
    await sessions.release();
  });
});
