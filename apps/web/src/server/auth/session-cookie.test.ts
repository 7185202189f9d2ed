import { describe, expect, it } from 'vitest';
import { hasSessionCookie } from './session-cookie';

describe('hasSessionCookie', () => {
  it('recognises the plain, secure and chunked session cookies', () => {
    expect(hasSessionCookie(['next-auth.session-token'])).toBe(true);
    expect(hasSessionCookie(['__Secure-next-auth.session-token'])).toBe(true);
    expect(hasSessionCookie(['next-auth.session-token.0', 'next-auth.session-token.1'])).toBe(true);
  });

  it('ignores other cookies', () => {
    expect(hasSessionCookie(['next-auth.csrf-token', 'captionary.team'])).toBe(false);
    expect(hasSessionCookie([])).toBe(false);
  });
});
