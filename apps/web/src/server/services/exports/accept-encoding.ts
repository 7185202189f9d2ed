/**
 * True when an `Accept-Encoding` header allows gzip: listed (or `*`) without `q=0`. A missing
 * header means the client did not ask for compression, so the answer is false.
 */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false;
  let wildcard: boolean | undefined;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name.trim() === 'gzip' || name.trim() === 'x-gzip') return allowed;
    if (name.trim() === '*') wildcard = allowed;
  }
  return wildcard ?? false;
}
