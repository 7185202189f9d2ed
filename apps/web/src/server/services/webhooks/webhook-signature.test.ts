import { describe, expect, it } from 'vitest';
import {
  computeSignature,
  generateWebhookSecret,
  signatureHeader,
  verifySignatureHeader,
} from './webhook-signature';

const body = JSON.stringify({ event: 'label.approved', data: { caption: 'a dog' } });
const secret = 'whsec_test';
const now = 1_800_000_000_000;
const t = now / 1000;

describe('webhook signatures', () => {
  it('signs `<timestamp>.<body>` with HMAC-SHA256 (a fixed vector)', () => {
    // HMAC-SHA256(key = "key", message = "1.x"), computed independently.
    expect(computeSignature('key', 1, 'x')).toBe(
      'fc4913c41a7bf793267e2a384f3261c9436ec2cd097bd745e7b0d99113f510ec',
    );
    expect(signatureHeader(secret, t, body)).toBe(`t=${t},v1=${computeSignature(secret, t, body)}`);
  });

  it('accepts the header it produced and refuses any change', () => {
    const header = signatureHeader(secret, t, body);
    expect(verifySignatureHeader(header, body, secret, { now })).toBe(true);
    expect(verifySignatureHeader(header, `${body} `, secret, { now })).toBe(false);
    expect(verifySignatureHeader(header, body, 'whsec_other', { now })).toBe(false);
    expect(
      verifySignatureHeader(header.replace(`t=${t}`, `t=${t + 1}`), body, secret, { now }),
    ).toBe(false);
  });

  it('refuses old timestamps (replays) and malformed headers', () => {
    const old = signatureHeader(secret, t - 301, body);
    expect(verifySignatureHeader(old, body, secret, { now })).toBe(false);
    expect(verifySignatureHeader('v1=abc', body, secret, { now })).toBe(false);
    expect(verifySignatureHeader(`t=${t},v1=zz`, body, secret, { now })).toBe(false);
  });

  it('accepts any matching v1 entry, as during a secret rotation', () => {
    const header = `t=${t},v1=${'0'.repeat(64)},v1=${computeSignature(secret, t, body)}`;
    expect(verifySignatureHeader(header, body, secret, { now })).toBe(true);
  });

  it('generates distinct, prefixed secrets', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
