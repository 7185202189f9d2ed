// The one typed error for expected failures, and the one place that maps it to tRPC codes and
// HTTP statuses. Services throw AppError; tRPC and the REST helper translate it with this table.
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

export const APP_ERROR_CODES = [
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_INPUT',
  'GONE',
  'RATE_LIMITED',
  'UNAVAILABLE',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

const MAPPING: Record<AppErrorCode, { trpc: TRPC_ERROR_CODE_KEY; http: number }> = {
  UNAUTHORIZED: { trpc: 'UNAUTHORIZED', http: 401 },
  FORBIDDEN: { trpc: 'FORBIDDEN', http: 403 },
  NOT_FOUND: { trpc: 'NOT_FOUND', http: 404 },
  CONFLICT: { trpc: 'CONFLICT', http: 409 },
  INVALID_INPUT: { trpc: 'BAD_REQUEST', http: 400 },
  // An invite link that expired, was revoked or was already used: it existed but is spent.
  GONE: { trpc: 'PRECONDITION_FAILED', http: 410 },
  RATE_LIMITED: { trpc: 'TOO_MANY_REQUESTS', http: 429 },
  UNAVAILABLE: { trpc: 'SERVICE_UNAVAILABLE', http: 503 },
};

/** An expected failure with a message that is safe to show to the caller. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Per-field messages for forms, e.g. `{ email: ['already a member'] }`. */
    readonly fieldErrors?: Record<string, string[]>,
    /**
     * Extra JSON the caller needs to recover, e.g. a conflict's `{ current }` object. REST sends
     * it beside `error` in the body; tRPC sends it in the error's `data`.
     */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The tRPC error code for an AppError code. */
export function trpcCodeFor(code: AppErrorCode): TRPC_ERROR_CODE_KEY {
  return MAPPING[code].trpc;
}

/** The HTTP status a REST route answers for an AppError code. */
export function httpStatusFor(code: AppErrorCode): number {
  return MAPPING[code].http;
}

/** Shorthand for the most common failure: the object is absent or belongs to another team. */
export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`);
}
