import { describe, expect, it } from 'vitest';
import { COMPRESSION_THRESHOLD_BYTES, jsonResponse } from './json-response';

describe('jsonResponse', () => {
  it('sends small answers uncompressed and leaves large ones to the compressor', async () => {
    const small = jsonResponse({ item: { id: 'x' } }, { status: 201 });
    expect(small.status).toBe(201);
    expect(small.headers.get('content-type')).toBe('application/json');
    expect(small.headers.get('cache-control')).toBe('no-transform');
    expect(await small.json()).toEqual({ item: { id: 'x' } });

    const large = jsonResponse({ text: 'a'.repeat(COMPRESSION_THRESHOLD_BYTES) });
    expect(large.headers.get('cache-control')).toBeNull();
  });

  it('measures the threshold in bytes, not characters', () => {
    // 400 three-byte characters: 1,200 bytes in 400 characters.
    expect(jsonResponse({ text: '語'.repeat(400) }).headers.get('cache-control')).toBeNull();
  });
});
