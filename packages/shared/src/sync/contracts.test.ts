import { describe, expect, it } from 'vitest';
import { S3SyncPrefix, StartSyncRequest } from './contracts';

describe('S3 sync prefixes', () => {
  it('normalises to a trailing slash and keeps the empty prefix', () => {
    expect(S3SyncPrefix.parse('labels/v1')).toBe('labels/v1/');
    expect(S3SyncPrefix.parse('captions/')).toBe('captions/');
    expect(S3SyncPrefix.parse('')).toBe('');
  });

  it('refuses prefixes that are absolute or climb out', () => {
    for (const bad of ['/abs', '../up', 'a/../b', 'a/./b', 'a//b', 'a\0b']) {
      expect(S3SyncPrefix.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('sync requests', () => {
  it('is incremental unless a full check is asked for', () => {
    const connectionId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    expect(StartSyncRequest.parse({ connectionId })).toEqual({ connectionId, full: false });
    expect(StartSyncRequest.safeParse({ connectionId: 'x' }).success).toBe(false);
  });
});
