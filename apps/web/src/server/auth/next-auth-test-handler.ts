// For integration tests: next-auth's real request handling (its API-route entry, which runs the
// same core as the App Router one) on fetch Requests. The App Router entry cannot run outside a
// Next.js server: it reads the request through next/headers.
import NextAuth, { type NextAuthOptions } from 'next-auth';
import { readCookie } from '../active-team-cookie';

/** A fetch-style handler for /api/auth/* requests, built on `options`. */
export function nextAuthTestHandler(options: NextAuthOptions) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const cookieHeader = request.headers.get('cookie');
    const cookies = Object.fromEntries(
      (cookieHeader ?? '')
        .split(';')
        .map((part) => part.trim().split('=')[0]!)
        .filter(Boolean)
        .map((name) => [name, readCookie(cookieHeader, name) ?? '']),
    );
    const body =
      request.method === 'POST'
        ? Object.fromEntries(new URLSearchParams(await request.text()))
        : undefined;
    let status = 200;
    let payload: string | null = null;
    let setCookies: string[] = [];
    const headers = new Headers();
    const res = {
      status(code: number) {
        status = code;
        return res;
      },
      getHeader: (name: string) =>
        name.toLowerCase() === 'set-cookie' ? setCookies : headers.get(name),
      setHeader(name: string, value: string | string[]) {
        if (name.toLowerCase() === 'set-cookie') setCookies = [value].flat();
        else headers.set(name, String(value));
        return res;
      },
      json(value: unknown) {
        headers.set('content-type', 'application/json');
        payload = JSON.stringify(value);
      },
      send(value: unknown) {
        payload = typeof value === 'string' ? value : JSON.stringify(value);
      },
      end() {},
    };
    const req = {
      method: request.method,
      headers: Object.fromEntries(request.headers),
      cookies,
      body,
      query: {
        ...Object.fromEntries(url.searchParams),
        nextauth: url.pathname.replace(/^\/api\/auth\//, '').split('/'),
      },
    };
    // The API-route entry's own request and response types; the objects above have their shape.
    await NextAuth(req as never, res as never, options);
    for (const cookie of setCookies) headers.append('set-cookie', cookie);
    return new Response(payload, { status, headers });
  };
}

/**
 * The request next-auth's client sends to sign in with email and password, with a CSRF token
 * fetched first the way the client does.
 */
export async function credentialsSignInRequest(
  handler: (request: Request) => Promise<Response>,
  { email, password }: { email: string; password: string },
  { origin = 'http://localhost:3000', headers = {} as Record<string, string> } = {},
): Promise<Request> {
  const csrf = await handler(new Request(`${origin}/api/auth/csrf`));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return new Request(`${origin}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: '/', json: 'true' }),
  });
}
