import { describe, expect, it } from 'vitest';
import { assertInvitationPending, invitationStatus } from './invitation-status';

const now = new Date('2026-11-27T12:00:00Z');
const later = new Date('2026-12-01T12:00:00Z');
const earlier = new Date('2026-11-20T12:00:00Z');

describe('invitationStatus', () => {
  it('is pending until it expires, is accepted or is revoked', () => {
    expect(invitationStatus({ acceptedAt: null, revokedAt: null, expiresAt: later }, now)).toBe(
      'pending',
    );
    expect(invitationStatus({ acceptedAt: null, revokedAt: null, expiresAt: earlier }, now)).toBe(
      'expired',
    );
    expect(invitationStatus({ acceptedAt: earlier, revokedAt: null, expiresAt: later }, now)).toBe(
      'accepted',
    );
    expect(invitationStatus({ acceptedAt: null, revokedAt: earlier, expiresAt: later }, now)).toBe(
      'revoked',
    );
  });

  it('treats the expiry instant itself as expired', () => {
    expect(invitationStatus({ acceptedAt: null, revokedAt: null, expiresAt: now }, now)).toBe(
      'expired',
    );
  });
});

describe('assertInvitationPending', () => {
  it('explains a used invite with a GONE error', () => {
    expect(() =>
      assertInvitationPending({ acceptedAt: earlier, revokedAt: null, expiresAt: later }, now),
    ).toThrow(
      expect.objectContaining({
        code: 'GONE',
        message: expect.stringMatching(/already been used/),
      }),
    );
  });
});
