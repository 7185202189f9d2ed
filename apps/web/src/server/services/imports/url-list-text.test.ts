import { describe, expect, it } from 'vitest';
import { parseUrlListText, splitCsvLine } from './url-list-text';

describe('parseUrlListText', () => {
  it('reads one URL per line, ignoring blanks and comments', () => {
    expect(
      parseUrlListText('https://a.example/1.jpg\r\n\n# note\n  https://a.example/2.jpg  '),
    ).toEqual([{ url: 'https://a.example/1.jpg' }, { url: 'https://a.example/2.jpg' }]);
  });

  it('reads CSV with a url column and an optional external id column', () => {
    const csv =
      'external_id,url,caption\n"cat, 1",https://a.example/cat.jpg,x\n,https://a.example/dog.jpg,y';
    expect(parseUrlListText(csv)).toEqual([
      { url: 'https://a.example/cat.jpg', externalId: 'cat, 1' },
      { url: 'https://a.example/dog.jpg' },
    ]);
  });

  it('splits quoted CSV fields with escaped quotes', () => {
    expect(splitCsvLine('"a ""b""",c')).toEqual(['a "b"', 'c']);
  });
});
