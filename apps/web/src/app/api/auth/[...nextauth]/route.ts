import NextAuth from 'next-auth';
import { authOptions } from '../../../../server/auth/options';
import { throttleSignIn } from '../../../../server/security/sign-in-throttle';

type NextAuthContext = { params: Promise<{ nextauth: string[] }> };

// The options are built on the first request, not at import, so `next build` needs no secrets.
// next-auth checks its own CSRF token on every POST; sign-ins are also held to the rate limits.
function handler(request: Request, context: NextAuthContext): Promise<Response> {
  return throttleSignIn(
    request,
    () => NextAuth(authOptions())(request, context) as Promise<Response>,
  );
}

export { handler as GET, handler as POST };
