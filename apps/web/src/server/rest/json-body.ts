import type { z } from 'zod';
import { AppError } from '../errors';
import { describeValidationError, fieldErrorsFrom } from '../field-errors';

/** Largest JSON body the API reads (metadata only; files go through their own routes). */
const MAX_JSON_BYTES = 1_000_000;

/**
 * Reads and validates a JSON request body; INVALID_INPUT (400) when it is not what `schema` wants.
 * `maxBytes` raises the limit for routes whose bodies are long lists (URL imports).
 */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  { maxBytes = MAX_JSON_BYTES }: { maxBytes?: number } = {},
): Promise<z.infer<Schema>> {
  const text = await request.text();
  if (text.length > maxBytes) {
    throw new AppError('INVALID_INPUT', 'Request body is too large');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('INVALID_INPUT', 'Request body is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new AppError(
      'INVALID_INPUT',
      describeValidationError(parsed.error),
      fieldErrorsFrom(parsed.error) ?? undefined,
    );
  }
  return parsed.data;
}
