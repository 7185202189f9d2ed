// Splits captions into the units that diffs, edit distances and lint rules count. Word boundaries
// come from the Unicode word-segmentation rules (Intl.Segmenter), so emoji sequences, combining
// marks, right-to-left scripts and unspaced scripts (Chinese, Japanese, Thai) stay whole; plain
// ASCII captions take an equivalent, faster path (ascii-word-segments.ts).
import { asciiWordSegments, isAscii } from './ascii-word-segments';

/** A word, a punctuation mark or a symbol (emoji), with the whitespace that preceded it. */
export interface CaptionToken {
  text: string;
  /** Whitespace between the previous token and this one, as typed. */
  leadingSpace: string;
  /** Comparison key: NFC-normalized, so composed and decomposed accents compare equal. */
  key: string;
  /** Punctuation marks show in diffs but are not words (they do not count as edits or words). */
  isPunctuation: boolean;
}

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
const WHITESPACE = /^\s+$/u;
const PUNCTUATION = /^\p{P}+$/u;

/** The caption's tokens in order; whitespace is kept on the token that follows it. */
export function tokenizeCaption(text: string): CaptionToken[] {
  const ascii = isAscii(text);
  const segments = ascii
    ? asciiWordSegments(text)
    : Array.from(segmenter.segment(text), ({ segment }) => segment);
  const tokens: CaptionToken[] = [];
  let pendingSpace = '';
  for (const segment of segments) {
    if (WHITESPACE.test(segment)) {
      pendingSpace += segment;
      continue;
    }
    tokens.push({
      text: segment,
      leadingSpace: pendingSpace,
      // ASCII is its own normal form.
      key: ascii ? segment : segment.normalize('NFC'),
      isPunctuation: PUNCTUATION.test(segment),
    });
    pendingSpace = '';
  }
  return tokens;
}

/** The caption's words (and symbols such as emoji), without punctuation, as comparison keys. */
export function captionWords(text: string): string[] {
  return tokenizeCaption(text)
    .filter((token) => !token.isPunctuation)
    .map((token) => token.key);
}

/** Number of words in a caption, by the same rules as the edit distance. */
export function countWords(text: string): number {
  return captionWords(text).length;
}
