// next-auth's session cookie names (v4 defaults). The proxy only checks that one is present, an
// optimistic check for redirecting to sign-in; the real check happens in layouts and procedures.
export const SESSION_COOKIE_NAMES = [
  'next-auth.session-token',
  '__Secure-next-auth.session-token',
] as const;

/** True when the cookie header list holds a session cookie (possibly split into chunks). */
export function hasSessionCookie(cookieNames: Iterable<string>): boolean {
  for (const name of cookieNames) {
    if (SESSION_COOKIE_NAMES.some((base) => name === base || name.startsWith(`${base}.`))) {
      return true;
    }
  }
  return false;
}
