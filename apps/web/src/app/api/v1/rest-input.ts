// Path ids and query strings of the /api/v1 routes, parsed the one way every route answers.
import { ObjectId } from '@captionary/shared';
import type { z } from 'zod';
import { AppError, notFound } from '../../../server/errors';
import { describeValidationError } from '../../../server/field-errors';

/**
 * The id in a path segment. A malformed id cannot name anything: it answers the same 404 as an id
 * of another team's object.
 */
export function pathId(value: string, what: string): string {
  const parsed = ObjectId.safeParse(value);
  if (!parsed.success) throw notFound(what);
  return parsed.data;
}

/** The request's query string validated by `schema`; INVALID_INPUT (400) otherwise. */
export function readQuery<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): z.infer<Schema> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError('INVALID_INPUT', describeValidationError(parsed.error));
  return parsed.data;
}
