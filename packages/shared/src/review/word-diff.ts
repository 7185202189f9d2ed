// Word-level tracked changes between two captions (pre-label → labeler → reviewer), and the word
// edit distance that acceptance analytics and edit classes are based on.
import { captionWords, tokenizeCaption, type CaptionToken } from './caption-tokens';

/** One run of a word diff; concatenating equal + insert runs gives the new caption. */
export interface WordDiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/**
 * Longest-common-subsequence table over token keys, from the end, so that the walk below can go
 * forwards. Captions are at most a few hundred words, so the quadratic table is small.
 */
function lcsTable(a: readonly string[], b: readonly string[]): Uint32Array[] {
  const table = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] =
        a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  return table;
}

function pushPart(parts: WordDiffPart[], op: WordDiffPart['op'], token: CaptionToken): void {
  const text = token.leadingSpace + token.text;
  const last = parts.at(-1);
  if (last?.op === op) last.text += text;
  else parts.push({ op, text });
}

/**
 * The word diff from `before` to `after`. Punctuation marks are tokens of their own (a changed
 * comma shows as one), whitespace travels with the token after it, and neighbouring runs of the
 * same kind are merged. Deletions come before insertions where both replace the same words.
 */
export function wordDiff(before: string, after: string): WordDiffPart[] {
  const a = tokenizeCaption(before);
  const b = tokenizeCaption(after);
  const table = lcsTable(
    a.map((t) => t.key),
    b.map((t) => t.key),
  );
  const parts: WordDiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i]!.key === b[j]!.key) {
      pushPart(parts, 'equal', b[j]!);
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && table[i + 1]![j]! >= table[i]![j + 1]!)) {
      pushPart(parts, 'delete', a[i]!);
      i++;
    } else {
      pushPart(parts, 'insert', b[j]!);
      j++;
    }
  }
  return parts;
}

/**
 * Word-level Levenshtein distance: the fewest word insertions, deletions and substitutions that
 * turn `a` into `b`. Punctuation is ignored; emoji count as words; comparison is exact (case
 * matters) after Unicode normalization.
 */
export function wordEditDistance(a: string, b: string): number {
  const from = captionWords(a);
  const to = captionWords(b);
  if (from.length === 0) return to.length;
  if (to.length === 0) return from.length;
  let previous = Uint32Array.from({ length: to.length + 1 }, (_, j) => j);
  let current = new Uint32Array(to.length + 1);
  for (let i = 1; i <= from.length; i++) {
    current[0] = i;
    for (let j = 1; j <= to.length; j++) {
      const substitution = previous[j - 1]! + (from[i - 1] === to[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[to.length]!;
}
