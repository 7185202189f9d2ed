// Where to send someone after sign-in. Only paths on this site are allowed: an attacker must not
// be able to build a sign-in link that ends on their own site (open redirect).

const PLACEHOLDER_ORIGIN = 'http://captionary.invalid';

/** Returns `raw` when it is a same-origin relative path, otherwise `fallback`. */
export function sanitizeCallbackUrl(raw: unknown, fallback = '/'): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return fallback;
  // Browsers treat "//host" and "/\host" as protocol-relative, and strip tabs and newlines
  // before parsing; refuse all of these rather than trying to repair them.
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return fallback;
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  if (/[\u0000-\u001f\u007f]/.test(raw)) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (parsed.origin !== PLACEHOLDER_ORIGIN) return fallback;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
