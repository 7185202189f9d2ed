// The Content-Security-Policy values of the app, and the headers every response carries. Kept
// free of imports: next.config.ts reads this module too.

/** Headers for every response, pages and API alike. */
export const BASELINE_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Older browsers' counterpart of frame-ancestors 'none': the app is never meant to be framed.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
];

/**
 * The policy of everything under /api: JSON, images and file downloads are never pages, so
 * nothing in them may run, load or be framed, and `sandbox` gives a document opened from one
 * (say, a file that is both an image and HTML) an opaque origin without scripts.
 */
export const API_CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src 'self'; frame-ancestors 'none'; sandbox";

/** A fresh nonce for one page response: 128 random bits, base64. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The policy of one HTML page. Scripts run only with the response's nonce (Next.js puts it on
 * its own scripts when it finds it in the request's Content-Security-Policy header), and
 * 'strict-dynamic' lets those scripts load the app's chunks. Styles allow 'unsafe-inline':
 * server-rendered `style` attributes (progress bars, chart bars) cannot carry a nonce, and
 * inline styles cannot run code.
 */
export function pageContentSecurityPolicy({
  nonce,
  development = false,
}: {
  nonce: string;
  /** `next dev` needs eval for React's error overlays; production never does. */
  development?: boolean;
}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
