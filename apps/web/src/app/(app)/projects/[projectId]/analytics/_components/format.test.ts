import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, formatPercent } from './format';

describe('analytics number formats', () => {
  it('formats shares, durations and plain numbers for people', () => {
    expect(formatPercent(0.237)).toBe('24%');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(3900)).toBe('1 h 5 min');
    expect(formatNumber(2)).toBe('2');
    expect(formatNumber(2.25)).toBe('2.3');
  });
});
