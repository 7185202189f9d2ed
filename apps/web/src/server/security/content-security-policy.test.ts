import { getScriptNonceFromHeader } from 'next/dist/server/app-render/get-script-nonce-from-header';
import { describe, expect, it } from 'vitest';
import { createNonce, pageContentSecurityPolicy } from './content-security-policy';
import { API_CONTENT_SECURITY_POLICY } from './security-headers.mjs';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources.join(' ')];
    }),
  );
}

describe('page Content-Security-Policy', () => {
  it('allows scripts only with the nonce (and what they load), and locks down the rest', () => {
    const nonce = createNonce();
    const policy = directives(pageContentSecurityPolicy({ nonce }));
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('script-src')).toBe(`'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'self'");
    expect(policy.get('form-action')).toBe("'self'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('img-src')).toBe("'self' data: blob:");
    expect(policy.get('connect-src')).toBe("'self'");
    expect(policy.get('script-src')).not.toContain('unsafe-inline');
    expect(policy.get('script-src')).not.toContain('unsafe-eval');
  });

  it('allows eval only in development', () => {
    const policy = pageContentSecurityPolicy({ nonce: 'abc', development: true });
    expect(directives(policy).get('script-src')).toContain("'unsafe-eval'");
  });

  it('puts the nonce where Next.js looks for it', () => {
    const nonce = createNonce();
    expect(getScriptNonceFromHeader(pageContentSecurityPolicy({ nonce }))).toBe(nonce);
  });

  it('makes a new 128-bit nonce every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});

describe('API Content-Security-Policy', () => {
  it('lets nothing run or load and sandboxes a document opened from the API', () => {
    const policy = directives(API_CONTENT_SECURITY_POLICY);
    expect(policy.get('default-src')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.has('sandbox')).toBe(true);
    expect(policy.has('script-src')).toBe(false);
  });
});
