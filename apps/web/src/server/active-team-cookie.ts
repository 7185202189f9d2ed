// The active team is a preference stored in a cookie. It grants nothing by itself: every request
// checks it against the user's memberships and falls back to their first team.
import { ObjectId } from '@captionary/shared';

export const ACTIVE_TEAM_COOKIE = 'captionary.team';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The team id in a cookie value, or null when it is absent or not an id. */
export function parseActiveTeamCookie(value: string | undefined | null): string | null {
  const parsed = ObjectId.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A Set-Cookie header value that makes `teamId` the active team. */
export function activeTeamSetCookie(teamId: string, secure: boolean): string {
  return [
    `${ACTIVE_TEAM_COOKIE}=${encodeURIComponent(teamId)}`,
    'Path=/',
    `Max-Age=${ONE_YEAR_SECONDS}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Reads one cookie from a Cookie request header. */
export function readCookie(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() === name) {
      try {
        return decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
