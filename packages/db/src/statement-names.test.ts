import { describe, expect, it } from 'vitest';
import { statementNamer } from './statement-names';

describe('statementNamer', () => {
  it('names each distinct statement once, the same way every time', () => {
    const nameOf = statementNamer();
    const claim = nameOf({ sql: 'SELECT id FROM "WorkItem" WHERE id = $1' });
    expect(claim).toMatch(/^captionary_[\w-]+$/);
    // Another process names it the same.
    expect(statementNamer()({ sql: 'SELECT id FROM "WorkItem" WHERE id = $1' })).toBe(claim);
    expect(nameOf({ sql: 'SELECT id FROM "WorkItem" WHERE id = $1' })).toBe(claim);
    expect(nameOf({ sql: 'SELECT 1' })).not.toBe(claim);
  });

  it('sends statements past the limit unnamed, and keeps naming the known ones', () => {
    const nameOf = statementNamer(2);
    const first = nameOf({ sql: 'SELECT 1' });
    nameOf({ sql: 'SELECT 2' });
    expect(nameOf({ sql: 'SELECT 3' })).toBe('');
    expect(nameOf({ sql: 'SELECT 1' })).toBe(first);
  });
});
