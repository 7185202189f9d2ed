// The ASCII fast path segments exactly as Intl.Segmenter (the Unicode word-break rules) does.
import { describe, expect, it } from 'vitest';
import { asciiWordSegments, isAscii } from './ascii-word-segments';

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
const reference = (text: string) => Array.from(segmenter.segment(text), ({ segment }) => segment);

/** A small deterministic generator (mulberry32), so a failure names a reproducible input. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('asciiWordSegments', () => {
  it.each([
    'a dog runs across a grassy field.',
    "the dog's ball, don't stop",
    'e.g. 3.5 km at 10:30, 1,000,000 people; x86_64 and __init__',
    'A1b2 1st 2nd 3.14.15 a.b.c a:b a::b 1,,2 1.,2',
    '  leading and   inner   spaces\t\ttabs\r\nCRLF\n\nLF\rCR\v\f',
    '"quoted" (paren) [bracket] {brace} <angle> @at #hash $5 50% a&b a+b=c a/b a\\b ~tilde `tick` ^caret |pipe',
    "'a' .a a. 'a'b a'1 1'a 1'2 _a a_ _1 1_ _ __",
    '',
  ])('matches Intl.Segmenter on %j', (text) => {
    expect(asciiWordSegments(text)).toEqual(reference(text));
  });

  it('matches Intl.Segmenter on 20,000 random strings of the characters the rules treat apart', () => {
    const alphabet = 'aZ9_.:,;\'" \t\r\n\v-!?()/@';
    const next = random(29);
    for (let n = 0; n < 20_000; n++) {
      const length = Math.floor(next() * 12);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      expect(asciiWordSegments(text), JSON.stringify(text)).toEqual(reference(text));
    }
  });

  it('matches Intl.Segmenter on every pair and triple of ASCII characters', () => {
    const chars = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
    for (const a of chars) {
      for (const b of chars) {
        expect(asciiWordSegments(a + b)).toEqual(reference(a + b));
        for (const c of 'a1_.:,') {
          expect(asciiWordSegments(a + b + c)).toEqual(reference(a + b + c));
        }
      }
    }
  });

  it('says which text it can segment', () => {
    expect(isAscii('plain text, 123.')).toBe(true);
    expect(isAscii('café')).toBe(false);
    expect(isAscii('a 🐕')).toBe(false);
  });
});
