import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { serverEnv, usesSecureCookies, type ServerEnv } from '../../env';
import { getDb } from '../db';
import { verifyCredentials } from './credentials';
import { SessionTokenClaims } from './session-user';
import { judgeSession } from './session-validity';

/** Sessions last two weeks; revocation does not wait for expiry (see session-validity.ts). */
const SESSION_MAX_AGE_SECONDS = 14 * 24 * 60 * 60;

/** Thrown from the jwt callback to end a session; next-auth then clears the cookie. */
class SessionEndedError extends Error {
  constructor(readonly reason: string) {
    super(`session ended: ${reason}`);
    this.name = 'SessionEndedError';
  }
}

let cached: NextAuthOptions | undefined;

/** next-auth configuration; built on first use so that imports do not need the environment. */
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions(serverEnv());
  return cached;
}

/**
 * The configuration for one environment. Behind TLS (an https NEXTAUTH_URL) next-auth names its
 * cookies `__Secure-…`/`__Host-…` and marks them Secure; they are always HttpOnly and
 * SameSite=Lax (next-auth's defaults, which these options keep).
 */
export function buildAuthOptions(
  env: Pick<ServerEnv, 'NEXTAUTH_SECRET' | 'NEXTAUTH_URL'>,
): NextAuthOptions {
  return {
    secret: env.NEXTAUTH_SECRET,
    useSecureCookies: usesSecureCookies(env),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        authorize: (credentials) => verifyCredentials(getDb(), credentials),
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          // Sign-in: `user` is what verifyCredentials returned.
          const claims = SessionTokenClaims.parse({ ...user, sub: user.id });
          return { ...token, ...claims };
        }
        const claims = SessionTokenClaims.safeParse(token);
        if (!claims.success) throw new SessionEndedError('malformed token');
        const current = await getDb().user.findUnique({
          where: { id: claims.data.sub },
          select: { email: true, name: true, disabledAt: true, sessionsValidAfter: true },
        });
        const verdict = judgeSession(current, claims.data.authTime);
        if (!verdict.valid) throw new SessionEndedError(verdict.reason);
        // Name and email may have changed since sign-in; the token follows the database.
        return { ...token, email: current!.email, name: current!.name };
      },
      session({ session, token }) {
        return {
          ...session,
          user: { id: token.sub ?? '', email: token.email ?? '', name: token.name ?? '' },
        };
      },
    },
    logger: {
      error(code, metadata) {
        if (metadata instanceof SessionEndedError) {
          console.info(`auth: ${metadata.message}`);
          return;
        }
        console.error(`[next-auth][${code}]`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
  };
}
