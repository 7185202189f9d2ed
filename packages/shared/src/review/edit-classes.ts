// How much a person changed the model's pre-label, in three classes that analytics report.
import { countWords } from './caption-tokens';
import { wordEditDistance } from './word-diff';

/**
 * A final caption is "lightly edited" when its word edit distance from the pre-label is at most
 * this share of the pre-label's words (30 %); above it, the caption was "rewritten".
 */
export const LIGHT_EDIT_MAX_RATIO = 0.3;

export type EditClass = 'unchanged' | 'light' | 'rewritten';
export const EDIT_CLASSES: readonly EditClass[] = ['unchanged', 'light', 'rewritten'];

/** Word edit distance divided by the pre-label's word count (at least 1). */
export function editRatio(prelabel: string, final: string): number {
  return wordEditDistance(prelabel, final) / Math.max(1, countWords(prelabel));
}

/**
 * unchanged: distance 0 (only whitespace or punctuation may differ);
 * light: distance ≤ LIGHT_EDIT_MAX_RATIO × pre-label words; rewritten: anything more.
 */
export function classifyEdit(prelabel: string, final: string): EditClass {
  const distance = wordEditDistance(prelabel, final);
  if (distance === 0) return 'unchanged';
  return distance <= LIGHT_EDIT_MAX_RATIO * Math.max(1, countWords(prelabel))
    ? 'light'
    : 'rewritten';
}
