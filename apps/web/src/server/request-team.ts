import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { ACTIVE_TEAM_COOKIE, parseActiveTeamCookie } from './active-team-cookie';
import { getSessionUser } from './auth/get-session-user';
import type { SessionUser } from './auth/session-user';
import { getDb } from './db';
import { resolveActiveTeam, type MemberTeam } from './services/teams';

export interface RequestTeam {
  user: SessionUser;
  active: MemberTeam | null;
  teams: MemberTeam[];
}

/** The signed-in user and their active team for a page render; shared by layout and page. */
export const getRequestTeam = cache(async (): Promise<RequestTeam | null> => {
  const user = await getSessionUser();
  if (!user) return null;
  const requested = parseActiveTeamCookie((await cookies()).get(ACTIVE_TEAM_COOKIE)?.value);
  const { active, teams } = await resolveActiveTeam(getDb(), user.id, requested);
  return { user, active, teams };
});

/** Like getRequestTeam, but sends signed-out visitors to the sign-in page. */
export async function requireRequestTeam(returnTo: string): Promise<RequestTeam> {
  const requestTeam = await getRequestTeam();
  if (!requestTeam) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return requestTeam;
}
