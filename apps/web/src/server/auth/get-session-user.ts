import { getServerSession } from 'next-auth/next';
import { connection } from 'next/server';
import { cache } from 'react';
import { authOptions } from './options';
import { SessionUser } from './session-user';

/**
 * The signed-in user of the current request, or null. Runs next-auth's jwt callback, which
 * re-checks the user in the database; cached per request so a page and its layout share it.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // Sessions are per request: never let `next build` prerender a page that reads one (it would
  // also need the production secret at build time).
  await connection();
  const session = await getServerSession(authOptions());
  const parsed = SessionUser.safeParse(session?.user);
  return parsed.success ? parsed.data : null;
});
