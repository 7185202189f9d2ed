import { describe, expect, it } from 'vitest';
import { classifyEdit, editRatio, LIGHT_EDIT_MAX_RATIO } from './edit-classes';
import { countWords } from './caption-tokens';
import { wordDiff, wordEditDistance } from './word-diff';

const joined = (parts: ReturnType<typeof wordDiff>, ops: string[]) =>
  parts
    .filter((p) => ops.includes(p.op))
    .map((p) => p.text)
    .join('');

describe('wordDiff', () => {
  it('marks replaced words as a delete then an insert and keeps the rest equal', () => {
    expect(wordDiff('a dog on a beach', 'a brown dog on the beach')).toEqual([
      { op: 'equal', text: 'a' },
      { op: 'insert', text: ' brown' },
      { op: 'equal', text: ' dog on' },
      { op: 'delete', text: ' a' },
      { op: 'insert', text: ' the' },
      { op: 'equal', text: ' beach' },
    ]);
  });

  it('rebuilds the new caption from equal and insert runs', () => {
    const after = 'two cats, sleeping   on a red sofa.';
    expect(joined(wordDiff('a cat sleeping on a sofa', after), ['equal', 'insert'])).toBe(after);
  });

  it('is all equal for identical captions and all insert from nothing', () => {
    expect(wordDiff('same words', 'same words')).toEqual([{ op: 'equal', text: 'same words' }]);
    expect(wordDiff('', 'new caption')).toEqual([{ op: 'insert', text: 'new caption' }]);
    expect(wordDiff('old caption', '')).toEqual([{ op: 'delete', text: 'old caption' }]);
  });

  it('keeps emoji sequences, combining marks and RTL words whole', () => {
    const family = '👨‍👩‍👧';
    const parts = wordDiff(`a ${family} at the café`, `a ${family} at the cafe\u0301 שלום`);
    // "café" composed and decomposed are the same word; the Hebrew word is one insertion.
    expect(parts).toEqual([
      { op: 'equal', text: `a ${family} at the cafe\u0301` },
      { op: 'insert', text: ' שלום' },
    ]);
  });
});

describe('wordEditDistance', () => {
  it('counts word insertions, deletions and substitutions', () => {
    expect(wordEditDistance('a dog on a beach', 'a dog on a beach')).toBe(0);
    expect(wordEditDistance('a dog on a beach', 'a dog on the beach')).toBe(1);
    expect(wordEditDistance('a dog', 'a big dog runs')).toBe(2);
    expect(wordEditDistance('', 'three new words')).toBe(3);
    expect(wordEditDistance('two words', '')).toBe(2);
  });

  it('ignores punctuation and whitespace but not case', () => {
    expect(wordEditDistance('a dog, on a beach.', 'a dog on a beach')).toBe(0);
    expect(wordEditDistance('a  dog\non a beach', 'a dog on a beach')).toBe(0);
    expect(wordEditDistance('A dog', 'a dog')).toBe(1);
  });

  it('counts an emoji as a word and segments unspaced scripts into words', () => {
    expect(wordEditDistance('a dog', 'a dog 🐶')).toBe(1);
    expect(countWords('我喜欢猫')).toBe(3);
    expect(wordEditDistance('我喜欢猫', '我喜欢狗')).toBe(1);
  });
});

describe('classifyEdit', () => {
  it(`uses distance 0 / ≤ ${LIGHT_EDIT_MAX_RATIO * 100}% of pre-label words / more`, () => {
    const prelabel = 'a black dog running on a sandy beach at sunset'; // 10 words
    expect(classifyEdit(prelabel, `${prelabel}.`)).toBe('unchanged');
    expect(classifyEdit(prelabel, 'a black dog running on a wet beach at dusk')).toBe('light');
    expect(editRatio(prelabel, 'a brown puppy walking on a wet beach at dusk')).toBe(0.5);
    expect(classifyEdit(prelabel, 'a brown puppy walking on a wet beach at dusk')).toBe(
      'rewritten',
    );
    expect(classifyEdit('', 'anything')).toBe('rewritten');
  });
});
