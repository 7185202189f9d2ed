import { describe, expect, it } from 'vitest';
import { activeTeamSetCookie, parseActiveTeamCookie, readCookie } from './active-team-cookie';

const teamId = '6f1c1f0e-8d7e-4a4b-9a51-2f0f3f1f9b10';

describe('active team cookie', () => {
  it('accepts only ids', () => {
    expect(parseActiveTeamCookie(teamId)).toBe(teamId);
    expect(parseActiveTeamCookie('not-an-id')).toBeNull();
    expect(parseActiveTeamCookie(undefined)).toBeNull();
  });

  it('is HttpOnly and SameSite=Lax, Secure only when asked', () => {
    expect(activeTeamSetCookie(teamId, false)).toBe(
      `captionary.team=${teamId}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`,
    );
    expect(activeTeamSetCookie(teamId, true)).toMatch(/; Secure$/);
  });

  it('reads a cookie from a Cookie header', () => {
    expect(readCookie(`a=1; captionary.team=${teamId}; b=2`, 'captionary.team')).toBe(teamId);
    expect(readCookie('a=1', 'captionary.team')).toBeNull();
    expect(readCookie(null, 'captionary.team')).toBeNull();
  });
});
