import { describe, expect, it } from 'vitest';
import { authTimeFor, judgeSession } from './session-validity';

const signedInAt = Date.parse('2026-11-27T10:00:00Z');
const before = new Date(signedInAt - 60_000);
const after = new Date(signedInAt + 60_000);

describe('judgeSession', () => {
  it('accepts a token issued after sessionsValidAfter for an active user', () => {
    expect(judgeSession({ disabledAt: null, sessionsValidAfter: before }, signedInAt)).toEqual({
      valid: true,
    });
  });

  it('rejects a token issued before a password change', () => {
    expect(judgeSession({ disabledAt: null, sessionsValidAfter: after }, signedInAt)).toEqual({
      valid: false,
      reason: 'revoked',
    });
  });

  it('rejects every token of a disabled user', () => {
    expect(judgeSession({ disabledAt: before, sessionsValidAfter: before }, signedInAt)).toEqual({
      valid: false,
      reason: 'disabled',
    });
  });

  it('rejects a token whose user no longer exists', () => {
    expect(judgeSession(null, signedInAt)).toEqual({ valid: false, reason: 'unknown-user' });
  });

  it('rejects a token without a sign-in time', () => {
    expect(judgeSession({ disabledAt: null, sessionsValidAfter: before }, undefined)).toMatchObject(
      { valid: false },
    );
  });
});

describe('authTimeFor', () => {
  it('never records a sign-in before sessionsValidAfter', () => {
    expect(authTimeFor({ disabledAt: null, sessionsValidAfter: after }, signedInAt)).toBe(
      after.getTime(),
    );
    expect(authTimeFor({ disabledAt: null, sessionsValidAfter: before }, signedInAt)).toBe(
      signedInAt,
    );
  });
});
