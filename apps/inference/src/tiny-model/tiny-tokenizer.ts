import {
  byteToUnicodeTable,
  TINY_SPECIAL_IDS,
  TINY_SPECIAL_TOKENS,
  TINY_WORDS,
} from './byte-level-vocabulary';

/** The tokenizer files of the tiny model and the facts the builder needs about its vocabulary. */
export interface TinyTokenizer {
  tokenizerJson: Record<string, unknown>;
  tokenizerConfigJson: Record<string, unknown>;
  vocabSize: number;
  /** Token id of "Ċ" (newline), the second stop token, as 50118 is for OPT. */
  newlineId: number;
  /** Ids of whole-word tokens ("Ġdog"), which the tiny model favours. */
  wordIds: number[];
  /** Ids of merged word prefixes ("Ġdo"), which decode to word fragments. */
  prefixIds: number[];
  /** Ids of byte tokens that are not printable ASCII, which the tiny model avoids. */
  unprintableByteIds: number[];
}

/**
 * A small GPT-2 byte-level BPE in the Hugging Face `tokenizer.json` format: the 256 byte symbols
 * plus merge chains that spell each word of TINY_WORDS left to right ("Ġ d" -> "Ġd", "Ġd o" ->
 * "Ġdo", "Ġdo g" -> "Ġdog"). Chains only ever extend a word's own prefix, so BPE reaches the
 * whole word whatever the merge ranks of other words are.
 */
export function buildTinyTokenizer(): TinyTokenizer {
  const byteSymbols = byteToUnicodeTable();
  const vocab = new Map<string, number>();
  for (const token of TINY_SPECIAL_TOKENS) vocab.set(token, vocab.size);
  for (const symbol of byteSymbols) vocab.set(symbol, vocab.size);

  const merges: Array<[string, string]> = [];
  const wordIds: number[] = [];
  const space = byteSymbols[0x20]!;
  for (const word of TINY_WORDS) {
    const symbols = [space, ...word];
    let prefix = symbols[0]!;
    for (const next of symbols.slice(1)) {
      const merged = prefix + next;
      if (!vocab.has(merged)) {
        merges.push([prefix, next]);
        vocab.set(merged, vocab.size);
      }
      prefix = merged;
    }
    wordIds.push(vocab.get(prefix)!);
  }

  const unprintableByteIds: number[] = [];
  for (let byte = 0; byte < 256; byte++) {
    if (byte < 0x20 || byte > 0x7e) unprintableByteIds.push(vocab.get(byteSymbols[byte]!)!);
  }
  const newlineId = vocab.get(byteSymbols[0x0a]!)!;
  const words = new Set(wordIds);
  const firstMergedId = TINY_SPECIAL_TOKENS.length + byteSymbols.length;
  const prefixIds = [...vocab.values()].filter((id) => id >= firstMergedId && !words.has(id));

  const byteLevel = { add_prefix_space: false, trim_offsets: true, use_regex: true };
  const tokenizerJson = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: TINY_SPECIAL_TOKENS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: true,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', ...byteLevel },
    post_processor: { type: 'ByteLevel', ...byteLevel, trim_offsets: false },
    decoder: { type: 'ByteLevel', ...byteLevel },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab: Object.fromEntries(vocab),
      merges,
    },
  };
  const tokenizerConfigJson = {
    tokenizer_class: 'GPT2Tokenizer',
    bos_token: TINY_SPECIAL_TOKENS[TINY_SPECIAL_IDS.bos],
    eos_token: TINY_SPECIAL_TOKENS[TINY_SPECIAL_IDS.eos],
    pad_token: TINY_SPECIAL_TOKENS[TINY_SPECIAL_IDS.pad],
    unk_token: TINY_SPECIAL_TOKENS[TINY_SPECIAL_IDS.unk],
    add_bos_token: true,
    clean_up_tokenization_spaces: false,
  };
  return {
    tokenizerJson,
    tokenizerConfigJson,
    vocabSize: vocab.size,
    newlineId,
    wordIds,
    prefixIds,
    unprintableByteIds,
  };
}
