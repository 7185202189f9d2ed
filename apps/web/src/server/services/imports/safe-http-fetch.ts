// Downloads one image URL for an import: http(s) only, every hop's address vetted and pinned,
// redirects followed by hand, and hard limits on size and time.
import http from 'node:http';
import https from 'node:https';
import { ImportItemError } from './import-item-error';
import { pinnedLookup, vetHost, type ResolveHost } from './vetted-address';

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface SafeFetchOptions {
  allowHosts: ReadonlySet<string>;
  maxBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
  resolve?: ResolveHost;
}

// Keep-alive pools: sockets are pooled per host:port, and every socket in a pool was connected to
// an address vetted for that same host:port, so reuse cannot bypass the address rule.
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

function parseHttpUrl(raw: string | URL): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ImportItemError('Not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ImportItemError(`Only http and https URLs can be imported, not ${url.protocol}`);
  }
  return url;
}

type Hop = { kind: 'redirect'; location: string } | { kind: 'body'; bytes: Buffer };

/** One request: a redirect's target, or the body read up to the byte limit. */
async function requestOnce(url: URL, options: SafeFetchOptions, signal: AbortSignal): Promise<Hop> {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const vetted = await vetHost(url.hostname, port, options.allowHosts, options.resolve);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'GET',
        agent: url.protocol === 'https:' ? httpsAgent : httpAgent,
        lookup: pinnedLookup(vetted),
        headers: { accept: 'image/*', 'user-agent': 'Captionary-Import/1' },
        signal,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (REDIRECT_STATUSES.has(status) && location) {
          response.resume();
          resolve({ kind: 'redirect', location });
          return;
        }
        if (status < 200 || status >= 300) {
          response.resume();
          reject(new ImportItemError(`The server answered HTTP ${status}`));
          return;
        }
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          response.destroy();
          reject(tooLarge(options.maxBytes));
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > options.maxBytes) {
            response.destroy();
            reject(tooLarge(options.maxBytes));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ kind: 'body', bytes: Buffer.concat(chunks) }));
        response.on('error', (error) => reject(error));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

export function tooLarge(maxBytes: number): ImportItemError {
  const limit =
    maxBytes >= 1024 * 1024
      ? `${Math.round(maxBytes / 1024 / 1024)} MB`
      : `${Math.round(maxBytes / 1024)} KB`;
  return new ImportItemError(`File is larger than the ${limit} limit`);
}

function describeNetworkError(error: unknown, timedOut: boolean): ImportItemError {
  if (error instanceof ImportItemError) return error;
  if (timedOut) return new ImportItemError('Download timed out');
  const code = (error as NodeJS.ErrnoException).code;
  return new ImportItemError(`Download failed${code ? ` (${code})` : ''}`);
}

/** The body of `rawUrl` after at most MAX_REDIRECTS redirects, each hop checked afresh. */
export async function fetchUrlBytes(rawUrl: string, options: SafeFetchOptions): Promise<Buffer> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let url = parseHttpUrl(rawUrl);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    let result: Hop;
    try {
      result = await requestOnce(url, options, signal);
    } catch (error) {
      throw describeNetworkError(error, timeout.aborted);
    }
    if (result.kind === 'body') return result.bytes;
    url = parseHttpUrl(new URL(result.location, url));
  }
  throw new ImportItemError(`More than ${MAX_REDIRECTS} redirects`);
}
