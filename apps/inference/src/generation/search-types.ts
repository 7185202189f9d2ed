/** What a search needs to know besides the logits. */
export interface SearchSettings {
  maxNewTokens: number;
  /** End-of-sequence tokens are suppressed until this many tokens have been generated. */
  minNewTokens: number;
  eosIds: readonly number[];
}

/** One finished sequence: generated ids (ending with the eos id when it stopped on one). */
export interface SearchResult {
  tokenIds: number[];
  /** Mean log-probability of the generated tokens (eos included when generated). */
  score: number;
}
