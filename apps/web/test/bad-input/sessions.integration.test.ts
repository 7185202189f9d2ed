// Session attacks: open redirects after sign-in (the sign-in page's own check and next-auth's
// credentials callback), cross-site posts to the tRPC route with a real session cookie, and API
// keys sent in URLs.
import type { Db } from '@captionary/db';
import NextAuth from 'next-auth';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as trpcRoute } from '../../src/app/api/trpc/[trpc]/route';
import { GET as listProjectsRoute } from '../../src/app/api/v1/projects/route';
import { authOptions } from '../../src/server/auth/options';
import { sanitizeCallbackUrl } from '../../src/server/auth/callback-url';
import { callerFor, createTestTeam, testDb } from '../../src/server/testing/fixtures';
import { expectNoRowChanges, expectRestError } from './expectations';
import { apiKeyInQueryCases, callbackUrlCases, crossSiteCases } from './sessions.cases';

const ORIGIN = 'http://localhost:3000';

let db: Db;
let team: Awaited<ReturnType<typeof createTestTeam>>;
let projectId: string;
let ownerKey: string;
let sessionCookie: string;

beforeAll(async () => {
  vi.stubEnv('NEXTAUTH_URL', ORIGIN);
  db = testDb();
  team = await createTestTeam(db, ['OWNER']);
  const owner = callerFor(db, team.members.OWNER, team.teamId);
  projectId = (await owner.projects.create({ name: 'Before' })).id;
  ownerKey = (await owner.apiKeys.create({ name: 'k', role: 'OWNER' })).key;
  // A session token exactly as sign-in issues it, sealed with the app's secret.
  const user = team.members.OWNER;
  const token = await encode({
    secret: process.env.NEXTAUTH_SECRET!,
    token: { sub: user.id, email: user.email, name: user.name, authTime: Date.now() },
  });
  sessionCookie = `next-auth.session-token=${token}; captionary-team=${team.teamId}`;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await db.$disconnect();
});

/** A response object for next-auth's API handler that records what it was given. */
function recordingResponse() {
  const headers = new Map<string, unknown>();
  const recorded: { status: number; body: unknown; headers: Map<string, unknown> } = {
    status: 200,
    body: undefined,
    headers,
  };
  const response = {
    status: (code: number) => ((recorded.status = code), response),
    setHeader: (name: string, value: unknown) => (headers.set(name.toLowerCase(), value), response),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    end: () => response,
    send: (body: unknown) => ((recorded.body = body), response),
    json: (body: unknown) => ((recorded.body = body), response),
  };
  return { response, recorded };
}

type NextAuthApi = (req: unknown, res: unknown, options: unknown) => Promise<void>;

/** next-auth's credentials sign-in (csrf token, then callback) with `callbackUrl`. */
async function signInRedirect(callbackUrl: string): Promise<string> {
  const handle = NextAuth as unknown as NextAuthApi;
  const headers = { host: 'localhost:3000' };
  const csrf = recordingResponse();
  await handle(
    { query: { nextauth: ['csrf'] }, method: 'GET', headers, cookies: {}, body: {} },
    csrf.response,
    authOptions(),
  );
  const setCookies = [csrf.recorded.headers.get('set-cookie')].flat() as string[];
  const [name, value] = setCookies
    .find((cookie) => cookie.includes('csrf-token='))!
    .split(';')[0]!
    .split(/=(.*)/);
  const user = team.members.OWNER;
  const callback = recordingResponse();
  await handle(
    {
      query: { nextauth: ['callback', 'credentials'] },
      method: 'POST',
      headers,
      cookies: { [name!]: decodeURIComponent(value!) },
      body: {
        csrfToken: (csrf.recorded.body as { csrfToken: string }).csrfToken,
        email: user.email,
        password: user.password,
        callbackUrl,
        json: 'true',
      },
    },
    callback.response,
    authOptions(),
  );
  return (callback.recorded.body as { url: string }).url;
}

describe('sign-in never ends on another site', () => {
  it('signs in and follows a path on this site (the control case)', async () => {
    expect(sanitizeCallbackUrl('/projects?x=1')).toBe('/projects?x=1');
    expect(await signInRedirect(`${ORIGIN}/projects`)).toBe(`${ORIGIN}/projects`);
  });

  for (const testCase of callbackUrlCases) {
    it(testCase.title, async () => {
      // What the sign-in page hands to its form, which navigates there after signing in.
      expect(sanitizeCallbackUrl(testCase.callbackUrl)).toBe('/');
      // next-auth's own answer stays on this origin too (a path such as //evil.example is kept
      // as a path below it, which is where a browser lands, tabs and backslashes included).
      const redirect = await signInRedirect(testCase.callbackUrl);
      expect(new URL(redirect).origin).toBe(ORIGIN);
      expect(redirect).not.toMatch(/^javascript:/i);
    });
  }
});

describe('cross-site posts with the session cookie change nothing', () => {
  for (const testCase of crossSiteCases) {
    it(testCase.title, async () => {
      const body = testCase.headers['content-type']?.includes('urlencoded')
        ? 'name=Hijacked'
        : JSON.stringify({ projectId, name: 'Hijacked' });
      const request = new Request(`${ORIGIN}/api/trpc/projects.update`, {
        method: 'POST',
        headers: { cookie: sessionCookie, ...testCase.headers },
        body,
      });
      await expectNoRowChanges(db, ['project'], async () =>
        expectRestError(await trpcRoute(request), 403, 'FORBIDDEN', testCase.error),
      );
      const project = await db.project.findUniqueOrThrow({ where: { id: projectId } });
      expect(project.name).toBe('Before');
    });
  }
});

describe('API keys are read from the Authorization header only', () => {
  it('lists projects with the key in the header (the control case)', async () => {
    const response = await listProjectsRoute(
      new Request(`${ORIGIN}/api/v1/projects`, {
        headers: { authorization: `Bearer ${ownerKey}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(200);
  });

  for (const testCase of apiKeyInQueryCases) {
    it(testCase.title, async () => {
      const url = `${ORIGIN}/api/v1/projects?${testCase.parameter}=${encodeURIComponent(ownerKey)}`;
      await expectRestError(
        await listProjectsRoute(new Request(url), { params: Promise.resolve({}) }),
        401,
        'UNAUTHORIZED',
        /Authorization: Bearer/,
        [ownerKey, 'Before'],
      );
    });
  }
});
