import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADVISORY_CLASSES } from './bad-input-case';
import { BAD_INPUT_AREAS, catalogueAsMarkdown } from './catalogue';

const cases = BAD_INPUT_AREAS.flatMap((area) => area.cases);

describe('bad-input catalogue', () => {
  it('holds at least 30 cases with unique titles and a known advisory class', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.title)).size).toBe(cases.length);
    const classes: readonly string[] = Object.values(ADVISORY_CLASSES);
    for (const c of cases) expect(classes, c.title).toContain(c.advisoryClass);
  });

  it('is listed in the README exactly as the tables print it', () => {
    const readme = readFileSync(path.join(import.meta.dirname, 'README.md'), 'utf8');
    // The README is formatted by Prettier, which keeps the list as printed but for blank lines
    // around the markers.
    const listed = readme.split('<!-- cases:start -->')[1]?.split('<!-- cases:end -->')[0];
    expect(listed?.trim()).toBe(catalogueAsMarkdown());
  });
});
