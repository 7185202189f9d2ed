import type { KvCache } from './kv-cache';
import type { OnnxLanguageModel, StepLogits } from './language-model';

/**
 * The decoder state of one generation call: which rows are in the batch and their KV cache.
 * Searches drive it one token per row per step; every step is a single decoder run for all rows.
 */
export class DecodeLoop {
  private cache: KvCache;

  constructor(private readonly model: OnnxLanguageModel) {
    this.cache = model.emptyCache(0);
  }

  get rows(): number {
    return this.cache.rows;
  }

  /** Runs the shared prefix ([image features ; BOS ; prompt]) for `rows` rows. */
  async prefill(prefixEmbeds: Float32Array, rows: number, length: number): Promise<StepLogits> {
    const { cache, ...logits } = await this.model.step(
      prefixEmbeds,
      rows,
      length,
      this.model.emptyCache(rows),
    );
    this.cache = cache;
    return logits;
  }

  /** Feeds one new token per current row. */
  async advance(tokens: readonly number[]): Promise<StepLogits> {
    if (tokens.length !== this.cache.rows)
      throw new Error(`advance: ${tokens.length} tokens for ${this.cache.rows} rows`);
    const embeds = await this.model.embed(tokens, tokens.length, 1);
    const { cache, ...logits } = await this.model.step(embeds, tokens.length, 1, this.cache);
    this.cache = cache;
    return logits;
  }

  /** Keeps only these rows (by current index, repeats allowed), in this order. */
  keepRows(rowIndices: readonly number[]): void {
    this.cache = this.cache.select(rowIndices);
  }
}
