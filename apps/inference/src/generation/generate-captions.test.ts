import { GenerationParams } from '@captionary/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoLikeJpeg } from '../../test/helpers/test-images';
import { buildTinyModelInTempDir } from '../../test/helpers/tiny-model-dir';
import { readModelFolder } from '../model/read-model-folder';
import { preprocessBatch } from '../preprocess/pixel-values';
import {
  isCaptionFailure,
  type CaptionItemResult,
  type CaptionSuccess,
} from '../runtime/caption-result';
import { OnnxCaptionModel } from '../runtime/onnx-caption-model';

function successes(results: CaptionItemResult[]): CaptionSuccess[] {
  return results.map((result) => {
    if (isCaptionFailure(result)) throw new Error(result.error);
    return result;
  });
}

describe('caption generation on the tiny model', () => {
  let model: OnnxCaptionModel;
  let modelDir: string;
  let cleanup: () => Promise<void>;
  let images: Buffer[];
  const caption = async (inputs: Buffer[], params: Partial<GenerationParams> = {}) =>
    successes(await model.captionBatch(inputs, GenerationParams.parse(params)));

  beforeAll(async () => {
    const built = await buildTinyModelInTempDir();
    ({ dir: modelDir, cleanup } = built);
    model = await OnnxCaptionModel.load(built.dir, { executionProviders: ['cpu'] });
    images = await Promise.all(Array.from({ length: 6 }, (_, i) => photoLikeJpeg(i + 1)));
  });
  afterAll(async () => {
    await model.close();
    await cleanup();
  });

  it('captions different images differently, with word-like text and a mean log-probability score', async () => {
    const results = await caption(images);
    expect(new Set(results.map((r) => r.caption)).size).toBeGreaterThanOrEqual(3);
    for (const result of results) {
      expect(result.caption).toMatch(/^[a-z]/);
      expect(result.score).toBeLessThan(0);
      expect(result.tokens).toBe(result.tokenIds.length);
    }
  });

  it('is deterministic', async () => {
    expect((await caption(images.slice(0, 2))).map((r) => r.tokenIds)).toEqual(
      (await caption(images.slice(0, 2))).map((r) => r.tokenIds),
    );
  });

  it('gives a row the same caption alone as in a batch (greedy and beam search)', async () => {
    for (const params of [{}, { numBeams: 3 }, { prompt: 'Question: what is shown? Answer:' }]) {
      const batched = await caption(images, params);
      for (const [index, image] of images.entries()) {
        const [alone] = await caption([image], params);
        expect(alone!.tokenIds).toEqual(batched[index]!.tokenIds);
        expect(alone!.caption).toBe(batched[index]!.caption);
        expect(alone!.score).toBeCloseTo(batched[index]!.score, 4);
      }
    }
  });

  it('beam search finds sequences scoring at least as well as greedy', async () => {
    const greedy = await caption(images);
    const beams = await caption(images, { numBeams: 4 });
    let better = 0;
    for (const [index, beam] of beams.entries()) {
      expect(beam.score).toBeGreaterThanOrEqual(greedy[index]!.score - 1e-6);
      if (beam.tokenIds.join() !== greedy[index]!.tokenIds.join()) better++;
    }
    expect(better).toBeGreaterThan(0);
  });

  it('respects maxNewTokens and minNewTokens', async () => {
    for (const result of await caption(images, { maxNewTokens: 4 }))
      expect(result.tokens).toBeLessThanOrEqual(4);
    const free = await caption(images, { maxNewTokens: 40 });
    const shortest = Math.min(...free.map((r) => r.tokens));
    const forced = await caption(images, { minNewTokens: shortest + 3, maxNewTokens: 40 });
    for (const result of forced) expect(result.tokens).toBeGreaterThanOrEqual(shortest + 3);
    for (const beam of await caption(images.slice(0, 2), {
      numBeams: 2,
      minNewTokens: 6,
      maxNewTokens: 6,
    })) {
      expect(beam.tokens).toBe(6);
    }
  });

  it('conditions on a text prompt', async () => {
    const plain = await caption(images);
    const prompted = await caption(images, { prompt: 'Question: what is shown? Answer:' });
    expect(prompted.map((r) => r.caption)).not.toEqual(plain.map((r) => r.caption));
  });

  it('refuses a prompt that would overflow the position table', async () => {
    // 500 ASCII letters are 500 byte tokens and fit; 500 two-byte letters are 1000 and do not.
    await expect(
      caption(images.slice(0, 1), { prompt: 'x'.repeat(500), maxNewTokens: 128 }),
    ).resolves.toHaveLength(1);
    await expect(
      caption(images.slice(0, 1), { prompt: 'é'.repeat(500), maxNewTokens: 128 }),
    ).rejects.toThrow(/prompt too long/);
  });

  it('fails only the bad images of a batch', async () => {
    const results = await model.captionBatch(
      [images[0]!, Buffer.from('not an image'), images[1]!],
      GenerationParams.parse({}),
    );
    expect(isCaptionFailure(results[0]!)).toBe(false);
    expect(results[1]).toMatchObject({ reason: 'undecodable' });
    expect(isCaptionFailure(results[2]!)).toBe(false);
  });

  it('captions images decoded beforehand as it captions their files, refused ones in their place', async () => {
    const inputs = [images[0]!, Buffer.from('not an image'), images[1]!];
    const params = GenerationParams.parse({});
    const { preprocessorConfig } = await readModelFolder(modelDir, { verifyChecksums: false });
    const batch = await preprocessBatch(inputs, preprocessorConfig);
    let encoded = 0;
    const results = await model.captionDecoded(batch, params, { afterEncoding: () => encoded++ });
    const fromFiles = await model.captionBatch(inputs, params);
    expect(encoded).toBe(1);
    expect(results).toHaveLength(3);
    expect(results[1]).toMatchObject({ reason: 'undecodable' });
    for (const index of [0, 2]) {
      const [decoded, file] = successes([results[index]!, fromFiles[index]!]);
      expect(decoded!.tokenIds).toEqual(file!.tokenIds);
      expect(decoded!.caption).toBe(file!.caption);
    }
  });
});
