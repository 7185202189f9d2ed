// The fixed security headers of every response. Plain JavaScript (typed by security-headers.d.mts)
// because next.config.mjs reads it as well, and that file must stay JavaScript (see there).

/** Headers for every response, pages and API alike. */
export const BASELINE_SECURITY_HEADERS = Object.freeze([
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Older browsers' counterpart of frame-ancestors 'none': the app is never meant to be framed.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
]);

/**
 * The policy of everything under /api: JSON, images and file downloads are never pages, so
 * nothing in them may run, load or be framed, and `sandbox` gives a document opened from one
 * (say, a file that is both an image and HTML) an opaque origin without scripts.
 */
export const API_CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src 'self'; frame-ancestors 'none'; sandbox";
