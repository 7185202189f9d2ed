// Whether a signed session token still stands. JWT sessions cannot be deleted on the server, so
// every request re-reads the user: a disabled account, or a password change (which moves
// sessionsValidAfter forward), ends every session issued before it.

export interface SessionSubject {
  disabledAt: Date | null;
  sessionsValidAfter: Date;
}

export type SessionVerdict =
  { valid: true } | { valid: false; reason: 'unknown-user' | 'disabled' | 'revoked' };

/**
 * Judges a session. `authTimeMs` is when the person signed in (kept in the token across
 * refreshes, unlike `iat`, which next-auth renews on every refresh).
 */
export function judgeSession(
  user: SessionSubject | null,
  authTimeMs: number | undefined,
): SessionVerdict {
  if (!user) return { valid: false, reason: 'unknown-user' };
  if (user.disabledAt) return { valid: false, reason: 'disabled' };
  if (authTimeMs === undefined || authTimeMs < user.sessionsValidAfter.getTime()) {
    return { valid: false, reason: 'revoked' };
  }
  return { valid: true };
}

/**
 * The sign-in instant to record in a new token. Never earlier than sessionsValidAfter, so a
 * database clock slightly ahead of the web server cannot void a session the moment it starts.
 */
export function authTimeFor(user: SessionSubject, now = Date.now()): number {
  return Math.max(now, user.sessionsValidAfter.getTime());
}
