// Cross-site request forgery guard. Browsers attach the session cookie to requests that other
// sites trigger (a form post, a fetch in no-cors mode), so every state-changing request that the
// cookie authenticates must prove it comes from one of our own pages. Browsers always send
// `Origin` on such requests; `Sec-Fetch-Site` and `Referer` stand in for it where it is missing.
// A request that carries none of the three is refused: no browser sends such a mutation, and
// machine clients authenticate with API keys, which ride on no ambient credential.
import { serverEnv } from '../../env';
import { jsonError } from '../rest/error-response';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Where a request says it was made, as far as its headers tell. */
export type RequestSite = 'same-origin' | 'cross-site' | 'unknown';

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    // Opaque origins ("null", data:, file:) never name one of our pages.
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** The origins our pages are served from: the one the request was sent to, and the public URL. */
function ownOrigins(request: Request, publicUrl: string | undefined): Set<string> {
  const origins = new Set<string>();
  const requested = originOf(request.url);
  if (requested) origins.add(requested);
  const configured = publicUrl ? originOf(publicUrl) : null;
  if (configured) origins.add(configured);
  return origins;
}

/** Judges where a request came from: Origin first, then Sec-Fetch-Site, then Referer. */
export function requestSite(request: Request, publicUrl: string | undefined): RequestSite {
  const own = ownOrigins(request, publicUrl);
  const origin = request.headers.get('origin');
  if (origin !== null) {
    const parsed = originOf(origin);
    return parsed !== null && own.has(parsed) ? 'same-origin' : 'cross-site';
  }
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite !== null) return fetchSite === 'same-origin' ? 'same-origin' : 'cross-site';
  const referer = request.headers.get('referer');
  if (referer !== null) {
    const parsed = originOf(referer);
    return parsed !== null && own.has(parsed) ? 'same-origin' : 'cross-site';
  }
  return 'unknown';
}

/**
 * A 403 JSON response when `request` changes state (any method but GET, HEAD, OPTIONS) and does
 * not come from one of our pages; null when it may go on. Call it before anything else happens.
 */
export function refuseCrossSiteRequest(
  request: Request,
  { publicUrl }: { publicUrl?: string } = { publicUrl: serverEnv().NEXTAUTH_URL },
): Response | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const site = requestSite(request, publicUrl);
  if (site === 'same-origin') return null;
  return jsonError(
    403,
    'FORBIDDEN',
    site === 'cross-site'
      ? 'Cross-site requests cannot change anything here'
      : 'This request does not say where it comes from (no Origin header); use an API key',
  );
}
