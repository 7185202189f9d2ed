import type { GenerationParams } from '@captionary/shared';
import { beamSearch } from './beam-search';
import type { CaptionTokenizer } from './caption-tokenizer';
import { DecodeLoop } from './decode-loop';
import { greedySearch } from './greedy-search';
import type { OnnxLanguageModel } from './language-model';

/** Token ids that frame a caption: BOS starts the text after the image queries; any eos id ends it. */
export interface SpecialTokens {
  bosId: number;
  eosIds: readonly number[];
}

/** A caption with the ids it was decoded from and its mean token log-probability. */
export interface GeneratedCaption {
  caption: string;
  score: number;
  tokenIds: number[];
}

/**
 * Captions for `count` images whose features are already computed ([count, Q, D]).
 * Each row's language-model input is [image features ; embed(BOS, prompt…)], as BLIP-2 feeds OPT.
 * All rows share the prompt, so they have the same length and need no padding; searches drop rows
 * as they finish. Both make a row's caption independent of the rest of its batch.
 */
export async function generateCaptions(
  model: OnnxLanguageModel,
  tokenizer: CaptionTokenizer,
  imageFeatures: Float32Array,
  count: number,
  params: GenerationParams,
  special: SpecialTokens,
): Promise<GeneratedCaption[]> {
  if (count === 0) return [];
  const textIds = [special.bosId, ...(params.prompt ? tokenizer.encodePrompt(params.prompt) : [])];
  const prefixLength = model.queryTokens + textIds.length;
  if (prefixLength + params.maxNewTokens > model.maxPositions) {
    throw new RangeError(
      `prompt too long: ${prefixLength} prefix positions + ${params.maxNewTokens} new tokens exceed the model's ${model.maxPositions}`,
    );
  }

  const { hidden, queryTokens } = model;
  const textEmbeds = await model.embed(textIds, 1, textIds.length);
  const prefix = new Float32Array(count * prefixLength * hidden);
  for (let row = 0; row < count; row++) {
    const rowStart = row * prefixLength * hidden;
    prefix.set(
      imageFeatures.subarray(row * queryTokens * hidden, (row + 1) * queryTokens * hidden),
      rowStart,
    );
    prefix.set(textEmbeds, rowStart + queryTokens * hidden);
  }

  const loop = new DecodeLoop(model);
  const first = await loop.prefill(prefix, count, prefixLength);
  const settings = {
    maxNewTokens: params.maxNewTokens,
    minNewTokens: params.minNewTokens,
    eosIds: special.eosIds,
  };
  const results =
    params.numBeams > 1
      ? await beamSearch(loop, first, params.numBeams, settings)
      : await greedySearch(loop, first, settings);
  return results.map(({ tokenIds, score }) => ({
    caption: tokenizer.decodeCaption(tokenIds, special.eosIds),
    score,
    tokenIds,
  }));
}
