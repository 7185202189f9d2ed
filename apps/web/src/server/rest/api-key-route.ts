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

/** A remembered key's actor as the database has it now, or null once the key no longer works. */
async function lookUpAgain(db: Db, presented: string): Promise<ApiKeyActor | null> {
  try {
    return await authenticateApiKey(db, presented);
  } catch (error) {
    if (error instanceof AppError && error.code === 'UNAUTHORIZED') return null;
    throw error;
  }
}

/**
 * The actor behind the request's bearer key, not yet counted against its budget. An address that
 * presented too many invalid keys within a minute is refused before its key is even looked at
 * (RATE_LIMITED). A key authenticated moments ago is not looked up again before the request (see
 * RecentApiKeys), so most requests wait for no query here.
 */
async function identifyApiKey(
  db: Db,
  request: Request,
  { limiter, rules }: ApiKeyLimits,
  recentKeys: RecentApiKeys,
): Promise<ApiKeyActor> {
  const presented = bearerToken(request);
  const known = recentKeys.get(presented, () => lookUpAgain(db, presented));
  if (known) return known;
  const address = clientAddress(request);
  if (address) {
    const failures = await limiter.peek(rules.apiKeyFailuresPerAddress, address);
    if (!failures.allowed) throw blockedAddress(failures.retryAfterSeconds);
  }
  try {
    const lookup = recentKeys.beginLookup();
    const actor = await authenticateApiKey(db, presented);
    recentKeys.remember(presented, actor, lookup);
    return actor;
  } catch (error) {
    if (address && error instanceof AppError && error.code === 'UNAUTHORIZED') {
      await limiter.hit(rules.apiKeyFailuresPerAddress, address);
    }
    throw error;
  }
}

/**
 * Counts the request against the key's budget per minute (one Redis call), checking the address
 * again with the count, so a known key from a blocked address is refused too. Both answer
 * RATE_LIMITED (429 with Retry-After).
 */
async function admitApiKeyRequest(
  request: Request,
  actor: ApiKeyActor,
  { limiter, rules }: ApiKeyLimits,
): Promise<void> {
  const address = clientAddress(request);
  let budget: RateLimitState;
  if (address) {
    const guard = { rule: rules.apiKeyFailuresPerAddress, subject: address };
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
}

const processLimits = (): ApiKeyLimits => ({ limiter: rateLimiter(), rules: rateLimitRules() });

/** The actor behind the request's bearer key, once the request is within the rate limits. */
export async function authenticateApiKeyRequest(
  db: Db,
  request: Request,
  limits: ApiKeyLimits = processLimits(),
  recentKeys: RecentApiKeys = recentApiKeys(),
): Promise<ApiKeyActor> {
  const actor = await identifyApiKey(db, request, limits, recentKeys);
  await admitApiKeyRequest(request, actor, limits);
  return actor;
}

/**
 * A route's first read, started while the request is being counted against its key's budget, so
 * the two round trips overlap. It must only read: it runs before the rate limit has admitted the
 * request, and its result (or its error) reaches the handler only once it has.
 */
export type Prefetch<Params, Prefetched> = (input: ApiKeyRequest<Params>) => Promise<Prefetched>;

/**
 * Builds a route handler that runs `handler` for callers with a valid key of at least `minRole`,
 * with what `prefetch` read, if given. A handler returns a Response, or a value that is sent as
 * JSON with status 200.
 */
export function apiKeyRoute<
  Params extends Record<string, string | string[]> = Record<string, never>,
  Prefetched = undefined,
>(
  minRole: TeamRole,
  handler: (input: ApiKeyRequest<Params>, prefetched: Prefetched) => Promise<Response | unknown>,
  prefetch?: Prefetch<Params, Prefetched>,
): (request: Request, context: { params: Promise<Params> }) => Promise<Response> {
  return async (request, context) => {
    try {
      const db = getDb();
      const params = await context.params;
      const limits = processLimits();
      const actor = await identifyApiKey(db, request, limits, recentApiKeys());
      const admission = admitApiKeyRequest(request, actor, limits);
      if (!roleAtLeast(actor.role, minRole)) {
        // Counted all the same; being over the budget is the answer that wins.
        await admission;
        throw new AppError(
          'FORBIDDEN',
          `This needs a key with the ${minRole.toLowerCase()} role or higher`,
        );
      }
      const input = { request, params, actor, db };
      const prefetching = prefetch?.(input);
      // Its error, if any, is raised below, and only for an admitted request.
      prefetching?.catch(() => {});
      await admission;
      const result = await handler(input, (await prefetching) as Prefetched);
      return result instanceof Response ? result : jsonResponse(result);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}
