// The wrapper every /api/v1 route handler goes through: API key authentication within the rate
// limits, the role check, and the translation of thrown errors into JSON responses. Handlers only
// parse and delegate.
import type { Db } from '@captionary/db';
import { roleAtLeast, type TeamRole } from '@captionary/shared';
import { getDb } from '../db';
import { AppError } from '../errors';
import { clientAddress } from '../security/client-address';
import { rateLimitRules, type RateLimitRules } from '../security/rate-limit-rules';
import {
  RateLimitedError,
  rateLimiter,
  type RateLimiter,
  type RateLimitState,
} from '../security/rate-limiter';
import { authenticateApiKey, type ApiKeyActor } from '../services/api-keys';
import { recentApiKeys, type RecentApiKeys } from '../services/recent-api-keys';
import { errorResponse } from './error-response';
import { jsonResponse } from './json-response';

export interface ApiKeyRequest<Params> {
  request: Request;
  params: Params;
  actor: ApiKeyActor;
  db: Db;
}

/** The key from an `Authorization: Bearer <key>` header, or an UNAUTHORIZED error. */
export function bearerToken(request: Request): string {
  const header = request.headers.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match) {
    throw new AppError('UNAUTHORIZED', 'Send an API key as "Authorization: Bearer <key>"');
  }
  return match[1]!;
}

/** The rate limiter and limits an API-key request is held to (the process's own by default). */
export interface ApiKeyLimits {
  limiter: RateLimiter;
  rules: Pick<RateLimitRules, 'apiKeyRequests' | 'apiKeyFailuresPerAddress'>;
}

const blockedAddress = (retryAfterSeconds: number) =>
  new RateLimitedError(
    'Too many invalid API keys from this address; wait before trying again',
    retryAfterSeconds,
  );

/**
 * The actor behind the request's bearer key. An address that presented too many invalid keys
 * within a minute is refused before its key is even looked at, and each key has a request budget
 * per minute; both answer RATE_LIMITED (429 with Retry-After). A key authenticated moments ago is
 * not looked up again (see RecentApiKeys), so most requests cost one Redis call and no query.
 */
export async function authenticateApiKeyRequest(
  db: Db,
  request: Request,
  { limiter, rules }: ApiKeyLimits = { limiter: rateLimiter(), rules: rateLimitRules() },
  recentKeys: RecentApiKeys = recentApiKeys(),
): Promise<ApiKeyActor> {
  const presented = bearerToken(request);
  const address = clientAddress(request);
  const guard = address ? { rule: rules.apiKeyFailuresPerAddress, subject: address } : null;
  let actor = recentKeys.get(presented);
  if (!actor) {
    if (guard) {
      const failures = await limiter.peek(guard.rule, guard.subject);
      if (!failures.allowed) throw blockedAddress(failures.retryAfterSeconds);
    }
    try {
      actor = await authenticateApiKey(db, presented);
    } catch (error) {
      if (guard && error instanceof AppError && error.code === 'UNAUTHORIZED') {
        await limiter.hit(guard.rule, guard.subject);
      }
      throw error;
    }
    recentKeys.remember(presented, actor);
  }
  // The address is checked (again) with the count: a known key from a blocked address is refused.
  let budget: RateLimitState;
  if (guard) {
    const counted = await limiter.guardedHit(guard, rules.apiKeyRequests, actor.apiKeyId);
    if (!counted.hit) throw blockedAddress(counted.guard.retryAfterSeconds);
    budget = counted.hit;
  } else {
    budget = await limiter.hit(rules.apiKeyRequests, actor.apiKeyId);
  }
  if (!budget.allowed) {
    throw new RateLimitedError(
      `This API key made more than ${rules.apiKeyRequests.limit} requests in a minute; slow down`,
      budget.retryAfterSeconds,
    );
  }
  return actor;
}

/**
 * Builds a route handler that runs `handler` for callers with a valid key of at least `minRole`.
 * A handler returns a Response, or a value that is sent as JSON with status 200.
 */
export function apiKeyRoute<
  Params extends Record<string, string | string[]> = Record<string, never>,
>(
  minRole: TeamRole,
  handler: (input: ApiKeyRequest<Params>) => Promise<Response | unknown>,
): (request: Request, context: { params: Promise<Params> }) => Promise<Response> {
  return async (request, context) => {
    try {
      const db = getDb();
      const actor = await authenticateApiKeyRequest(db, request);
      if (!roleAtLeast(actor.role, minRole)) {
        throw new AppError(
          'FORBIDDEN',
          `This needs a key with the ${minRole.toLowerCase()} role or higher`,
        );
      }
      const result = await handler({ request, params: await context.params, actor, db });
      return result instanceof Response ? result : jsonResponse(result);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}
