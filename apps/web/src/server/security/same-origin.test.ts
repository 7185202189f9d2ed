import { describe, expect, it } from 'vitest';
import { refuseCrossSiteRequest, requestSite } from './same-origin';

const URL_OF_ROUTE = 'http://localhost:3000/api/trpc/projects.create';
const PUBLIC_URL = 'https://captions.example.org';

function post(headers: Record<string, string>, url = URL_OF_ROUTE): Request {
  return new Request(url, { method: 'POST', headers, body: '{}' });
}

describe('requestSite', () => {
  it('trusts Origin first: our own origin or the public URL are same-origin', () => {
    expect(requestSite(post({ origin: 'http://localhost:3000' }), PUBLIC_URL)).toBe('same-origin');
    expect(requestSite(post({ origin: PUBLIC_URL }), PUBLIC_URL)).toBe('same-origin');
    expect(requestSite(post({ origin: 'https://evil.example' }), PUBLIC_URL)).toBe('cross-site');
    // A sibling port or scheme is another origin.
    expect(requestSite(post({ origin: 'http://localhost:3001' }), undefined)).toBe('cross-site');
    expect(requestSite(post({ origin: 'null' }), undefined)).toBe('cross-site');
    // Origin wins over a Sec-Fetch-Site that claims otherwise.
    expect(
      requestSite(
        post({ origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }),
        undefined,
      ),
    ).toBe('cross-site');
  });

  it('falls back to Sec-Fetch-Site, then to Referer', () => {
    expect(requestSite(post({ 'sec-fetch-site': 'same-origin' }), undefined)).toBe('same-origin');
    expect(requestSite(post({ 'sec-fetch-site': 'same-site' }), undefined)).toBe('cross-site');
    expect(requestSite(post({ 'sec-fetch-site': 'none' }), undefined)).toBe('cross-site');
    expect(requestSite(post({ referer: 'http://localhost:3000/team' }), undefined)).toBe(
      'same-origin',
    );
    expect(requestSite(post({ referer: 'https://evil.example/x' }), undefined)).toBe('cross-site');
    expect(requestSite(post({}), undefined)).toBe('unknown');
  });
});

describe('refuseCrossSiteRequest', () => {
  it('lets reads through whatever their origin', () => {
    const read = new Request(URL_OF_ROUTE, { headers: { origin: 'https://evil.example' } });
    expect(refuseCrossSiteRequest(read, {})).toBeNull();
  });

  it('lets our own pages change things', () => {
    expect(refuseCrossSiteRequest(post({ origin: 'http://localhost:3000' }), {})).toBeNull();
  });

  it('refuses other sites and requests that do not say where they come from, with 403 JSON', async () => {
    const crossSite = refuseCrossSiteRequest(post({ origin: 'https://evil.example' }), {});
    expect(crossSite?.status).toBe(403);
    expect(await crossSite?.json()).toEqual({
      error: { code: 'FORBIDDEN', message: 'Cross-site requests cannot change anything here' },
    });
    const anonymous = refuseCrossSiteRequest(post({}), {});
    expect(anonymous?.status).toBe(403);
    expect((await anonymous!.json()).error.message).toMatch(/Origin/);
    const deletion = new Request(URL_OF_ROUTE, {
      method: 'DELETE',
      headers: { origin: 'https://evil.example' },
    });
    expect(refuseCrossSiteRequest(deletion, {})?.status).toBe(403);
  });
});
