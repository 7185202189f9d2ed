import { NextResponse, type NextRequest } from 'next/server';
import { hasSessionCookie } from './server/auth/session-cookie';

/**
 * Sends visitors without a session cookie to the sign-in page, keeping where they were going.
 * Only an optimistic check: layouts and every tRPC procedure verify the session for real.
 */
export function proxy(request: NextRequest) {
  if (hasSessionCookie(request.cookies.getAll().map((cookie) => cookie.name))) {
    return NextResponse.next();
  }
  const signIn = new URL('/sign-in', request.url);
  signIn.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything except the API, Next's assets, and the pages open to signed-out visitors.
  matcher: ['/((?!api/|_next/|favicon.ico|icon.svg|sign-in|invite/).*)'],
};
