// The wrapper every /api/v1 route handler goes through: API key authentication, the role check,
// and the translation of thrown errors into JSON responses. Handlers only parse and delegate.
import type { Db } from '@captionary/db';
import { roleAtLeast, type TeamRole } from '@captionary/shared';
import { getDb } from '../db';
import { AppError } from '../errors';
import { authenticateApiKey, type ApiKeyActor } from '../services/api-keys';
import { errorResponse } from './error-response';

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
      const actor = await authenticateApiKey(db, bearerToken(request));
      if (!roleAtLeast(actor.role, minRole)) {
        throw new AppError(
          'FORBIDDEN',
          `This needs a key with the ${minRole.toLowerCase()} role or higher`,
        );
      }
      const result = await handler({ request, params: await context.params, actor, db });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}
