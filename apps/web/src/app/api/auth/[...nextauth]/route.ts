import NextAuth from 'next-auth';
import { authOptions } from '../../../../server/auth/options';

type NextAuthContext = { params: Promise<{ nextauth: string[] }> };

// The options are built on the first request, not at import, so `next build` needs no secrets.
function handler(request: Request, context: NextAuthContext): Promise<Response> {
  return NextAuth(authOptions())(request, context) as Promise<Response>;
}

export { handler as GET, handler as POST };
