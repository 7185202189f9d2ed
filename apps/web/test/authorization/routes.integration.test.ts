// The authorization matrix of the HTTP routes: every route file under src/app/api and every
// method it exports, called without credentials, with bad keys, as another team with team A's
// ids, with every role below the one it needs, and with the role it needs. Refusals leave no
// trace.
import { ROLES, roleAtLeast, type TeamRole } from '@captionary/shared';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ACTIVE_TEAM_COOKIE } from '../../src/server/active-team-cookie';
import type { SessionUser } from '../../src/server/auth/session-user';
import type { TestUser } from '../../src/server/testing/fixtures';
import {
  describeOutcome,
  expectRefused,
  leakedIds,
  openHarness,
  type Harness,
  type Outcome,
} from './authorization-harness';
import { ROUTE_POLICIES, type RoutePolicy, type RouteRequest } from './route-policies';

// next-auth reads the session cookie through Next.js's request scope, which only a running
// Next.js server provides; here the signed-in user is set directly. What the session itself
// guarantees (a disabled user's session ends) is proven in role-tricks.integration.test.ts.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('../../src/server/auth/get-session-user', () => ({
  getSessionUser: async () => session.user,
}));

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const API_DIR = fileURLToPath(new URL('../../src/app/api', import.meta.url));
const ORIGIN = 'http://localhost:3000';

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/** `/api/v1/projects/[projectId]` for the route file of that folder. */
function routePathOf(file: string): string {
  return `/api/${path.relative(API_DIR, path.dirname(file)).split(path.sep).join('/')}`;
}

const files = routeFiles(API_DIR).sort();
const handlers = new Map<string, Handler>();

let harness: Harness;
beforeAll(async () => {
  harness = await openHarness();
  for (const file of files) {
    const module = (await import(file)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof module[method] === 'function') {
        handlers.set(`${method} ${routePathOf(file)}`, module[method] as Handler);
      }
    }
  }
});
afterAll(async () => {
  await harness.close();
});

interface Caller {
  key?: string;
  authorization?: string;
  user?: TestUser | null;
  teamCookie?: string;
}

function urlOf(routeKey: string, request: RouteRequest): string {
  const routePath = routeKey.slice(routeKey.indexOf(' ') + 1);
  const filled = routePath.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_match, name: string) => {
    const value = request.params[name];
    return Array.isArray(value) ? value.join('/') : String(value);
  });
  return `${ORIGIN}${filled}${request.query ? `?${request.query}` : ''}`;
}

/** Sends `request` to the route handler as `caller` and reports the status and JSON body. */
async function send(routeKey: string, request: RouteRequest, caller: Caller): Promise<Outcome> {
  const handler = handlers.get(routeKey)!;
  const method = routeKey.slice(0, routeKey.indexOf(' '));
  const headers = new Headers();
  const authorization = caller.authorization ?? (caller.key ? `Bearer ${caller.key}` : undefined);
  if (authorization) headers.set('authorization', authorization);
  if (caller.teamCookie) headers.set('cookie', `${ACTIVE_TEAM_COOKIE}=${caller.teamCookie}`);
  // A browser's own page: the cross-site guard of cookie-authenticated routes lets it through.
  if (method !== 'GET') headers.set('origin', ORIGIN);
  let body: BodyInit | undefined;
  if (request.body instanceof FormData) body = request.body;
  else if (request.body !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(request.body);
  }
  session.user = caller.user
    ? { id: caller.user.id, email: caller.user.email, name: caller.user.name }
    : null;
  try {
    const response = await handler(
      new Request(urlOf(routeKey, request), { method, headers, body }),
      {
        params: Promise.resolve(request.params),
      },
    );
    const text = await response.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // Not every answer is JSON (exports stream lines, images are bytes).
    }
    return response.status < 400
      ? { ok: true, value: json }
      : { ok: false, code: String(response.status), message: text.slice(0, 300) };
  } finally {
    session.user = null;
  }
}

const rolesBelow = (required: TeamRole) => ROLES.filter((role) => !roleAtLeast(role, required));

function expectAllowed(label: string, outcome: Outcome) {
  const code = outcome.ok ? 'OK' : outcome.code;
  expect(['401', '403', '404', '500'], `${label}: ${describeOutcome(outcome)}`).not.toContain(code);
}

async function checkApiKeyRoute(
  routeKey: string,
  policy: RoutePolicy & { access: { kind: 'api-key' } },
) {
  const { world } = harness;
  const { a, b } = world;
  const request = policy.request(world);
  const refuse = (label: string, code: string, caller: Caller) =>
    expectRefused(harness, `${routeKey} ${label}`, code, () => send(routeKey, request, caller));

  await refuse('without a key', '401', {});
  await refuse('with a malformed header', '401', { authorization: 'Bearer not a key' });
  await refuse('with another scheme', '401', { authorization: `Basic ${a.keys.OWNER}` });
  await refuse('with an unknown key', '401', { key: `cap_${randomBytes(24).toString('hex')}` });
  await refuse('with a revoked key', '401', { key: a.revokedKey });
  if (policy.access.foreign === 'NOT_FOUND') {
    await refuse("with team B's owner key", '404', { key: b.ownerKey });
    // A key's team is the key's: a team cookie naming team A changes nothing.
    await refuse("with team B's owner key and team A's cookie", '404', {
      key: b.ownerKey,
      teamCookie: a.teamId,
    });
  } else {
    const outcome = await send(routeKey, request, { key: b.ownerKey });
    expect(outcome.ok, `${routeKey} with team B's key: ${describeOutcome(outcome)}`).toBe(true);
    expect(leakedIds(outcome.ok && outcome.value, a.allIds), 'team A ids shown to B').toEqual([]);
  }
  for (const role of rolesBelow(policy.access.role)) {
    await refuse(`with team A's ${role} key`, '403', { key: a.keys[role] });
  }
  const allowed = await send(routeKey, request, { key: a.keys[policy.access.role] });
  expectAllowed(`${routeKey} with a ${policy.access.role} key`, allowed);
}

async function checkSessionRoute(
  routeKey: string,
  policy: RoutePolicy & { access: { kind: 'session' } },
) {
  const { world } = harness;
  const { a, b } = world;
  const request = policy.request(world);
  const refuse = (label: string, code: string, caller: Caller) =>
    expectRefused(harness, `${routeKey} ${label}`, code, () => send(routeKey, request, caller));

  await refuse('signed out', '401', { user: null, teamCookie: a.teamId });
  await refuse("as team B's owner", '404', { user: b.owner, teamCookie: b.teamId });
  await refuse("as team B's owner with team A's cookie", '404', {
    user: b.owner,
    teamCookie: a.teamId,
  });
  for (const role of rolesBelow(policy.access.role)) {
    await refuse(`as team A's ${role}`, '403', { user: a.members[role], teamCookie: a.teamId });
  }
  const required = policy.access.role;
  const allowed = await send(routeKey, request, {
    user: a.members[required],
    teamCookie: a.teamId,
  });
  expectAllowed(`${routeKey} as team A's ${required}`, allowed);
}

const routeKeys = () => [...handlers.keys()].sort();

describe('HTTP route authorization matrix', () => {
  it('has one policy for every method of every route file, and none for a route it lacks', () => {
    expect(files.length).toBeGreaterThan(0);
    const declared = Object.keys(ROUTE_POLICIES).sort();
    expect(
      routeKeys().filter((key) => !declared.includes(key)),
      'route methods without a policy in route-policies.ts',
    ).toEqual([]);
    expect(
      declared.filter((key) => !handlers.has(key)),
      'policies naming no route method',
    ).toEqual([]);
  });

  it.each(Object.keys(ROUTE_POLICIES).sort())(
    '%s lets in exactly who its policy names',
    async (key) => {
      const policy = ROUTE_POLICIES[key]!;
      expect(handlers.has(key), `${key} is not a route method`).toBe(true);
      const { access } = policy;
      if (access.kind === 'api-key') await checkApiKeyRoute(key, { ...policy, access });
      else if (access.kind === 'session') await checkSessionRoute(key, { ...policy, access });
      else if (access.call) {
        expectAllowed(
          `${key} without credentials`,
          await send(key, policy.request(harness.world), {}),
        );
      }
    },
  );
});
