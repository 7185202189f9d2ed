import type { DecodeLoop } from './decode-loop';
import type { StepLogits } from './language-model';
import { logSoftmaxRow } from './log-probabilities';
import type { SearchResult, SearchSettings } from './search-types';

interface Beam {
  tokenIds: number[];
  logProbSum: number;
}

interface Candidate {
  beam: number;
  token: number;
  logProbSum: number;
}

/** The `count` best (beam, token) continuations, best first. */
function topCandidates(
  logProbs: readonly Float64Array[],
  beams: readonly Beam[],
  count: number,
): Candidate[] {
  const best: Candidate[] = [];
  logProbs.forEach((row, beam) => {
    const base = beams[beam]!.logProbSum;
    for (let token = 0; token < row.length; token++) {
      const total = base + row[token]!;
      if (best.length === count && total <= best[count - 1]!.logProbSum) continue;
      let at = best.length;
      while (at > 0 && best[at - 1]!.logProbSum < total) at--;
      best.splice(at, 0, { beam, token, logProbSum: total });
      if (best.length > count) best.pop();
    }
  });
  return best;
}

/** Beam state of one image. */
class BeamSearchItem {
  running: Beam[];
  finished: SearchResult[] = [];
  done = false;

  constructor(private readonly numBeams: number) {
    // Before the first token every beam would be identical, so the item starts with one beam.
    this.running = [{ tokenIds: [], logProbSum: 0 }];
  }

  private addFinished(tokenIds: number[], logProbSum: number): void {
    this.finished.push({ tokenIds, score: logProbSum / tokenIds.length });
    this.finished.sort((a, b) => b.score - a.score);
    if (this.finished.length > this.numBeams) this.finished.pop();
  }

  /**
   * One step, following Hugging Face's beam search with length_penalty 1 and early_stopping
   * false: take the 2·numBeams best continuations; an eos among the first numBeams of them
   * finishes a hypothesis (scored by its mean log-probability); the best non-eos continuations
   * become the new beams. At maxNewTokens the first numBeams continuations all finish. The item is
   * done once numBeams hypotheses are finished and the best running beam's mean so far cannot
   * beat the worst of them. Returns, per new beam, the index of the beam it extends.
   */
  advance(
    logProbs: readonly Float64Array[],
    generated: number,
    settings: SearchSettings,
    eos: ReadonlySet<number>,
  ): number[] {
    const candidates = topCandidates(logProbs, this.running, 2 * this.numBeams);
    const length = generated + 1;
    const lastStep = length >= settings.maxNewTokens;
    const next: Beam[] = [];
    const parents: number[] = [];
    for (const [rank, candidate] of candidates.entries()) {
      const tokenIds = [...this.running[candidate.beam]!.tokenIds, candidate.token];
      if (lastStep || eos.has(candidate.token)) {
        if (rank < this.numBeams) this.addFinished(tokenIds, candidate.logProbSum);
        continue;
      }
      if (next.length < this.numBeams) {
        next.push({ tokenIds, logProbSum: candidate.logProbSum });
        parents.push(candidate.beam);
      }
    }
    this.running = next;
    const best = next[0];
    const worstFinished = this.finished[this.numBeams - 1];
    this.done =
      lastStep ||
      !best ||
      (worstFinished !== undefined && best.logProbSum / length <= worstFinished.score);
    return parents;
  }
}

/**
 * Beam search for every prefilled row (one image each). All beams of all unfinished images
 * advance in one decoder run per step; a finished image's beams leave the batch, so an image's
 * result does not depend on the others.
 */
export async function beamSearch(
  loop: DecodeLoop,
  first: StepLogits,
  numBeams: number,
  settings: SearchSettings,
): Promise<SearchResult[]> {
  const items = Array.from({ length: loop.rows }, () => new BeamSearchItem(numBeams));
  const eos = new Set(settings.eosIds);
  // Batch layout: the rows of each active item's running beams, in item order.
  let layout = items.map((_, item) => ({ item, firstRow: item, beams: 1 }));
  let step: StepLogits = first;

  for (let generated = 0; layout.length > 0; generated++) {
    const suppressed = generated < settings.minNewTokens ? settings.eosIds : [];
    const keptRows: number[] = [];
    const nextTokens: number[] = [];
    const nextLayout: typeof layout = [];
    for (const { item, firstRow, beams } of layout) {
      const logProbs = Array.from({ length: beams }, (_, beam) =>
        logSoftmaxRow(
          step.logits,
          firstRow + beam,
          step.vocabSize,
          suppressed,
          new Float64Array(step.vocabSize),
        ),
      );
      const state = items[item]!;
      const parents = state.advance(logProbs, generated, settings, eos);
      if (state.done) continue;
      nextLayout.push({ item, firstRow: keptRows.length, beams: parents.length });
      parents.forEach((parent, beam) => {
        keptRows.push(firstRow + parent);
        nextTokens.push(state.running[beam]!.tokenIds.at(-1)!);
      });
    }
    layout = nextLayout;
    if (layout.length === 0) break;
    loop.keepRows(keptRows);
    step = await loop.advance(nextTokens);
  }
  return items.map((item) => item.finished[0] ?? { tokenIds: [], score: -Infinity });
}
