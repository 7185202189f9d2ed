import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WordDiffView } from './word-diff-view';

/** The diff as a reader sees it: struck words in [-…-], inserted ones in {+…+}. */
function readDiff(before: string, after: string): string {
  return renderToStaticMarkup(createElement(WordDiffView, { before, after }))
    .replace(/<del[^>]*>(.*?)<\/del>/g, '[-$1-]')
    .replace(/<ins[^>]*>(.*?)<\/ins>/g, '{+$1+}')
    .replace(/<[^>]+>/g, '');
}

describe('WordDiffView', () => {
  it('keeps a space between a wholly replaced caption and its replacement', () => {
    expect(readDiff('tree horse', 'street lamps')).toBe('[-tree horse-] {+street lamps+}');
  });

  it('marks words only, keeping the text between them', () => {
    expect(readDiff('a dog runs', 'a cat runs')).toBe('a [-dog-] {+cat+} runs');
  });
});
