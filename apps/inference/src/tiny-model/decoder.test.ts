import { Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTinyModelInTempDir } from '../../test/helpers/tiny-model-dir';
import { openModelSessions, type ModelSessions } from '../model/open-sessions';
import { readModelFolder } from '../model/read-model-folder';
import { SeededRandom } from './seeded-random';
import { TINY_ARCHITECTURE } from './tiny-architecture';

const { hidden, heads, layers } = TINY_ARCHITECTURE.text;
const headDim = hidden / heads;

/** Runs the decoder on [rows, length] embeddings with the given mask and an optional past. */
async function runDecoder(
  sessions: ModelSessions,
  embeds: Float32Array,
  rows: number,
  length: number,
  mask: number[],
  past?: Record<string, Tensor>,
) {
  const feeds: Record<string, Tensor> = {
    inputs_embeds: new Tensor('float32', embeds, [rows, length, hidden]),
    attention_mask: new Tensor('int64', BigInt64Array.from(mask, BigInt), [
      rows,
      mask.length / rows,
    ]),
  };
  for (let layer = 0; layer < layers; layer++) {
    for (const kind of ['key', 'value']) {
      feeds[`past_key_values.${layer}.${kind}`] =
        past?.[`present.${layer}.${kind}`] ??
        new Tensor('float32', new Float32Array(0), [rows, heads, 0, headDim]);
    }
  }
  return sessions.decoder.run(feeds);
}

describe('tiny decoder graph', () => {
  let sessions: ModelSessions;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const built = await buildTinyModelInTempDir();
    cleanup = built.cleanup;
    sessions = await openModelSessions(await readModelFolder(built.dir), {
      executionProviders: ['cpu'],
    });
  });
  afterAll(async () => {
    await sessions.release();
    await cleanup();
  });

  it('gives a left-padded row the same logits as the row alone (positions and mask from attention_mask)', async () => {
    const length = 5;
    const padding = 3;
    const row = new SeededRandom(11).normals(length * hidden, 1);
    const alone = await runDecoder(sessions, row, 1, length, Array(length).fill(1));
    const padded = new Float32Array((padding + length) * hidden);
    padded.set(new SeededRandom(12).normals(padding * hidden, 1));
    padded.set(row, padding * hidden);
    const withPadding = await runDecoder(sessions, padded, 1, padding + length, [
      ...Array(padding).fill(0),
      ...Array(length).fill(1),
    ]);
    const vocab = alone.logits!.dims[2]!;
    const expected = alone.logits!.data as Float32Array;
    const actual = (withPadding.logits!.data as Float32Array).subarray(padding * vocab);
    let maxDifference = 0;
    for (let i = 0; i < expected.length; i++)
      maxDifference = Math.max(maxDifference, Math.abs(expected[i]! - actual[i]!));
    expect(maxDifference).toBeLessThan(1e-4);
  });

  it('continues from the KV cache exactly as a full recomputation', async () => {
    const embeds = new SeededRandom(13).normals(4 * hidden, 1);
    const full = await runDecoder(sessions, embeds, 1, 4, [1, 1, 1, 1]);
    const prefix = await runDecoder(sessions, embeds.slice(0, 3 * hidden), 1, 3, [1, 1, 1]);
    expect(prefix['present.0.key']!.dims).toEqual([1, heads, 3, headDim]);
    const next = await runDecoder(sessions, embeds.slice(3 * hidden), 1, 1, [1, 1, 1, 1], prefix);
    const vocab = full.logits!.dims[2]!;
    const expected = (full.logits!.data as Float32Array).subarray(3 * vocab);
    const actual = next.logits!.data as Float32Array;
    for (let i = 0; i < vocab; i += 37) expect(actual[i]).toBeCloseTo(expected[i]!, 4);
  });
});
