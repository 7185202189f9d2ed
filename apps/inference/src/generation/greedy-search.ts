import type { DecodeLoop } from './decode-loop';
import type { StepLogits } from './language-model';
import { argmax, logSoftmaxRow } from './log-probabilities';
import type { SearchResult, SearchSettings } from './search-types';

/**
 * Greedy decoding for every prefilled row. A row that emits an eos id (or reaches maxNewTokens)
 * leaves the batch at once, so later steps run only the rows still generating and each row's
 * result is what it would be on its own.
 */
export async function greedySearch(
  loop: DecodeLoop,
  first: StepLogits,
  settings: SearchSettings,
): Promise<SearchResult[]> {
  const rows = loop.rows;
  const tokens: number[][] = Array.from({ length: rows }, () => []);
  const logProbSums = new Array<number>(rows).fill(0);
  const eos = new Set(settings.eosIds);
  const scratch = new Float64Array(first.vocabSize);
  let active = Array.from({ length: rows }, (_, row) => row);
  let step: StepLogits = first;

  for (let generated = 0; generated < settings.maxNewTokens && active.length > 0; generated++) {
    const suppressed = generated < settings.minNewTokens ? settings.eosIds : [];
    const stillActive: number[] = [];
    const keptSlots: number[] = [];
    const nextTokens: number[] = [];
    active.forEach((row, slot) => {
      const logProbs = logSoftmaxRow(step.logits, slot, step.vocabSize, suppressed, scratch);
      const token = argmax(logProbs);
      tokens[row]!.push(token);
      logProbSums[row]! += logProbs[token]!;
      if (!eos.has(token) && generated + 1 < settings.maxNewTokens) {
        stillActive.push(row);
        keptSlots.push(slot);
        nextTokens.push(token);
      }
    });
    active = stillActive;
    if (active.length === 0) break;
    loop.keepRows(keptSlots);
    step = await loop.advance(nextTokens);
  }
  return tokens.map((ids, row) => ({
    tokenIds: ids,
    score: logProbSums[row]! / Math.max(ids.length, 1),
  }));
}
