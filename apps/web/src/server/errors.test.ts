import { describe, expect, it } from 'vitest';
import { APP_ERROR_CODES, AppError, httpStatusFor, trpcCodeFor } from './errors';
import { errorResponse } from './rest/error-response';

describe('AppError mapping', () => {
  it('maps every code to a tRPC code and an HTTP status', () => {
    for (const code of APP_ERROR_CODES) {
      expect(trpcCodeFor(code)).toBeTypeOf('string');
      expect(httpStatusFor(code)).toBeGreaterThanOrEqual(400);
    }
    expect(httpStatusFor('NOT_FOUND')).toBe(404);
    expect(httpStatusFor('INVALID_INPUT')).toBe(400);
    expect(trpcCodeFor('INVALID_INPUT')).toBe('BAD_REQUEST');
  });
});

describe('errorResponse', () => {
  const request = new Request('http://localhost/api/v1/projects');

  it('answers an AppError with its status and the API error shape', async () => {
    const response = errorResponse(new AppError('FORBIDDEN', 'Needs admin'), request);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'Needs admin' } });
  });

  it('hides the details of unexpected errors', async () => {
    const quiet = console.error;
    console.error = () => {};
    try {
      const response = errorResponse(new Error('connection string with password'), request);
      expect(response.status).toBe(500);
      expect(JSON.stringify(await response.json())).not.toContain('password');
    } finally {
      console.error = quiet;
    }
  });
});
