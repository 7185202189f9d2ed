import { usesSecureCookies } from '../env';
import {
  ACTIVE_TEAM_COOKIE,
  activeTeamSetCookie,
  parseActiveTeamCookie,
  readCookie,
} from './active-team-cookie';
import { getSessionUser } from './auth/get-session-user';
import { getDb } from './db';
import type { TrpcContext } from './trpc';

/** Builds the tRPC context of one HTTP request (route handler at /api/trpc). */
export async function createTrpcContext({
  req,
  resHeaders,
}: {
  req: Request;
  resHeaders: Headers;
}): Promise<TrpcContext> {
  return {
    db: getDb(),
    user: await getSessionUser(),
    requestedTeamId: parseActiveTeamCookie(
      readCookie(req.headers.get('cookie'), ACTIVE_TEAM_COOKIE),
    ),
    setActiveTeam: (teamId) => {
      resHeaders.append('Set-Cookie', activeTeamSetCookie(teamId, usesSecureCookies()));
    },
  };
}
