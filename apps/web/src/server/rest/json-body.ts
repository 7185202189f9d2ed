import type { z } from 'zod';
import { AppError } from '../errors';
import { describeValidationError, fieldErrorsFrom } from '../field-errors';

/** Largest JSON body the API reads (metadata only; files go through their own routes). */
const MAX_JSON_BYTES = 1_000_000;

function tooLarge(maxBytes: number): AppError {
  const limit =
    maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MB` : `${maxBytes} bytes`;
  return new AppError('INVALID_INPUT', `Request body is too large: the limit is ${limit}`);
}

/**
 * The body as text, refused as soon as it is known to pass `maxBytes`: from Content-Length
 * before anything is read, or while reading, so an oversized body is never held in memory.
 */
async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads and validates a JSON request body; INVALID_INPUT (400) when it is not what `schema` wants.
 * `maxBytes` raises the limit for routes whose bodies are long lists (URL imports).
 */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  { maxBytes = MAX_JSON_BYTES }: { maxBytes?: number } = {},
): Promise<z.infer<Schema>> {
  const text = await readBodyText(request, maxBytes);
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
