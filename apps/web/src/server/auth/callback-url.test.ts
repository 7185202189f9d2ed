import { describe, expect, it } from 'vitest';
import { sanitizeCallbackUrl } from './callback-url';

describe('sanitizeCallbackUrl', () => {
  it.each([
    ['/', '/'],
    ['/projects/1/settings', '/projects/1/settings'],
    ['/team/members?tab=invites#top', '/team/members?tab=invites#top'],
    ['/invite/abc-DEF_123', '/invite/abc-DEF_123'],
  ])('keeps the same-origin path %s', (input, expected) => {
    expect(sanitizeCallbackUrl(input)).toBe(expected);
  });

  it.each([
    'https://evil.com',
    'http://evil.com/path',
    '//evil.com',
    '///evil.com',
    '/\\evil.com',
    '\\\\evil.com',
    '/\t/evil.com',
    '/\n/evil.com',
    'javascript:alert(1)',
    'evil.com',
    '',
  ])('refuses the off-site or malformed target %j', (input) => {
    expect(sanitizeCallbackUrl(input)).toBe('/');
  });

  it('refuses values that are not strings', () => {
    expect(sanitizeCallbackUrl(undefined)).toBe('/');
    expect(sanitizeCallbackUrl(['/a', '/b'])).toBe('/');
  });

  it('uses the given fallback', () => {
    expect(sanitizeCallbackUrl('//evil.com', '/sign-in')).toBe('/sign-in');
  });
});
