import { NextResponse, type NextRequest } from 'next/server';
import { serverEnv } from './env';
import { hasSessionCookie } from './server/auth/session-cookie';
import { createNonce, pageContentSecurityPolicy } from './server/security/content-security-policy';

/** Pages signed-out visitors may open. */
function isOpenToSignedOut(pathname: string): boolean {
  return pathname === '/sign-in' || pathname.startsWith('/invite/') || pathname === '/icon.svg';
}

/**
 * Gives every page response its Content-Security-Policy with a fresh script nonce, and sends
 * visitors without a session cookie to the sign-in page, keeping where they were going. The
 * session check is only optimistic: layouts and every tRPC procedure verify the session for real.
 */
export function proxy(request: NextRequest) {
  const policy = pageContentSecurityPolicy({
    nonce: createNonce(),
    development: serverEnv().NODE_ENV === 'development',
  });
  const signedIn = hasSessionCookie(request.cookies.getAll().map((cookie) => cookie.name));
  if (!signedIn && !isOpenToSignedOut(request.nextUrl.pathname)) {
    const signIn = new URL('/sign-in', request.url);
    signIn.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
    const redirect = NextResponse.redirect(signIn);
    redirect.headers.set('Content-Security-Policy', policy);
    return redirect;
  }
  // Next.js reads the nonce from the request's policy and puts it on the scripts it renders; the
  // header replaces any the client sent, so nobody chooses their own nonce.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  // Every page; not the API (its routes set their own headers) nor Next's static assets.
  matcher: ['/((?!api/|_next/static/|_next/image|favicon.ico).*)'],
};
