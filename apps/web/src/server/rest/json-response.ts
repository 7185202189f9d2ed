// JSON answers of the REST API. Next.js compresses every compressible response it sends, and it
// drops a Content-Length set by a route handler, so its compressor's size threshold never applies:
// a 200-byte answer would be gzipped too (bigger than before, and CPU and an extra write on every
// request). Small answers are marked `no-transform`, which the compressor honours; large ones are
// left to it.

/** The size below which gzip does not pay (the compressor's own default threshold). */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/** `body` as a JSON response; an answer under the threshold is sent uncompressed. */
export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const text = JSON.stringify(body);
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  if (Buffer.byteLength(text, 'utf8') < COMPRESSION_THRESHOLD_BYTES) {
    headers.set('cache-control', 'no-transform');
  }
  return new Response(text, { ...init, headers });
}
