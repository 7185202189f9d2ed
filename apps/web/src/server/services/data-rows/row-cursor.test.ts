import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { decodeRowCursor, encodeRowCursor } from './row-cursor';
import { likeContains } from './row-filter-sql';

describe('row cursors', () => {
  it('round-trip any external id, including non-ASCII names', () => {
    for (const id of ['img-001.jpg', 'dossier/été 2024/çà.png', 'a'.repeat(300)]) {
      expect(decodeRowCursor(encodeRowCursor(id))).toBe(id);
    }
  });

  it('refuse cursors that no page produced', () => {
    for (const forged of ['', '!!', 'a+b/', 'AAAA=']) {
      expect(() => decodeRowCursor(forged)).toThrow(AppError);
    }
  });
});

describe('likeContains', () => {
  it('makes LIKE wildcards and the escape character literal', () => {
    expect(likeContains('100%')).toBe('%100\\%%');
    expect(likeContains('snake_case')).toBe('%snake\\_case%');
    expect(likeContains('back\\slash')).toBe('%back\\\\slash%');
  });
});
