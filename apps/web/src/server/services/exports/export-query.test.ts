import { describe, expect, it } from 'vitest';
import { isoTimestamp } from './export-query';

describe('isoTimestamp', () => {
  it('turns a timestamp(3) text into ISO 8601 UTC with milliseconds', () => {
    expect(isoTimestamp('2026-11-05 08:22:45.434')).toBe('2026-11-05T08:22:45.434Z');
  });

  it('pads the fraction the database shortened, or left out when it was zero', () => {
    expect(isoTimestamp('2026-11-05 08:22:45.43')).toBe('2026-11-05T08:22:45.430Z');
    expect(isoTimestamp('2026-11-05 08:22:45.4')).toBe('2026-11-05T08:22:45.400Z');
    expect(isoTimestamp('2026-11-05 08:22:45')).toBe('2026-11-05T08:22:45.000Z');
  });

  it('agrees with Date for every millisecond of a second', () => {
    for (let ms = 0; ms < 1000; ms++) {
      const date = new Date(Date.UTC(2026, 0, 31, 23, 59, 59, ms));
      // The text PostgreSQL prints under DateStyle ISO: trailing zeros of the fraction dropped.
      const fraction = String(ms).padStart(3, '0').replace(/0+$/, '');
      const text = `2026-01-31 23:59:59${fraction ? `.${fraction}` : ''}`;
      expect(isoTimestamp(text)).toBe(date.toISOString());
    }
  });
});
