import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

const from = (forwardedFor?: string) =>
  clientAddress(
    new Request('http://localhost/', {
      headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    }),
  );

describe('clientAddress', () => {
  it('takes the last X-Forwarded-For entry: the one our own server or proxy wrote', () => {
    expect(from('203.0.113.9')).toBe('203.0.113.9');
    expect(from('198.51.100.1, 203.0.113.9')).toBe('203.0.113.9');
    expect(from('2001:DB8::1')).toBe('2001:db8::1');
  });

  it('treats an IPv4-mapped IPv6 address as the IPv4 address', () => {
    expect(from('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });

  it('is null without a header or with something that is not an address', () => {
    expect(from()).toBeNull();
    expect(from('')).toBeNull();
    expect(from('203.0.113.9, not-an-address')).toBeNull();
  });
});
