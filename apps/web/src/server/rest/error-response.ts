import type { ApiErrorBody } from '@captionary/shared';
import { AppError, httpStatusFor, type AppErrorCode } from '../errors';
import { describeValidationError, fieldErrorsFrom } from '../field-errors';
import { RateLimitedError } from '../security/rate-limiter';
import { jsonResponse } from './json-response';

/** A JSON error response in the REST API's one error shape. */
export function jsonError(
  status: number,
  code: AppErrorCode | 'INTERNAL',
  message: string,
  details?: Record<string, unknown>,
): Response {
  const body: ApiErrorBody = { error: { code, message } };
  return jsonResponse({ ...details, ...body }, { status });
}

/**
 * The response for anything a REST handler throws: expected errors keep their code and message
 * (a rate limit adds Retry-After), validation errors become 400, and everything else is logged and answered generically.
 */
export function errorResponse(error: unknown, request: Request): Response {
  if (error instanceof RateLimitedError) {
    const response = jsonError(429, error.code, error.message);
    response.headers.set('Retry-After', String(error.retryAfterSeconds));
    return response;
  }
  if (error instanceof AppError) {
    return jsonError(httpStatusFor(error.code), error.code, error.message, error.details);
  }
  if (fieldErrorsFrom(error)) {
    return jsonError(400, 'INVALID_INPUT', describeValidationError(error));
  }
  console.error(`${request.method} ${new URL(request.url).pathname} failed`, error);
  return jsonError(500, 'INTERNAL', 'Something went wrong. Please try again.');
}
