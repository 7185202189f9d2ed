// The Content-Security-Policy of the app's pages: a fresh nonce per response. The fixed headers
// (every response's, and the API's policy) live in security-headers.mjs, which next.config.mjs
// reads too.

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
