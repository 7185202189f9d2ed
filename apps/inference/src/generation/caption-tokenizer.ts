import { Tokenizer } from '@huggingface/tokenizers';

/** The model's byte-level BPE tokenizer (tokenizer.json), used for prompts and captions. */
export class CaptionTokenizer {
  private readonly tokenizer: Tokenizer;

  constructor(tokenizerJson: Record<string, unknown>, tokenizerConfig: Record<string, unknown>) {
    this.tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  }

  /** Prompt ids without special tokens: the pipeline places BOS itself, as BLIP-2 does. */
  encodePrompt(prompt: string): number[] {
    return this.tokenizer.encode(prompt, { add_special_tokens: false }).ids;
  }

  /**
   * Caption text of generated ids. Stop ids are dropped first because not all of them are
   * special tokens (OPT's second stop token is "\n"); surrounding whitespace is trimmed, since
   * byte-level BPE words carry their leading space.
   */
  decodeCaption(ids: readonly number[], stopIds: readonly number[]): string {
    const kept = ids.filter((id) => !stopIds.includes(id));
    // The library refuses an empty id list; a caption that stopped at once is simply empty.
    if (kept.length === 0) return '';
    return this.tokenizer.decode(kept, { skip_special_tokens: true }).trim();
  }
}
