import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeValidationError, fieldErrorsFrom } from './field-errors';

const Form = z.object({ name: z.string().min(1, 'Give it a name'), size: z.number() });

describe('fieldErrorsFrom', () => {
  it('keys zod messages by their top-level field', () => {
    const result = Form.safeParse({ name: '', size: 'big' });
    expect(fieldErrorsFrom(result.error)).toEqual({
      name: ['Give it a name'],
      size: [expect.any(String)],
    });
  });

  it('is null for errors that are not validation errors', () => {
    expect(fieldErrorsFrom(new Error('boom'))).toBeNull();
  });
});

describe('describeValidationError', () => {
  it('joins field and message', () => {
    const result = Form.safeParse({ name: '', size: 1 });
    expect(describeValidationError(result.error)).toBe('name: Give it a name');
  });
});
