import { describe, expect, it } from 'vitest';
import type { ApiKeyActor } from './api-keys';
import { RecentApiKeys } from './recent-api-keys';

const actor = (apiKeyId: string): ApiKeyActor => ({
  teamId: 'team',
  role: 'LABELER',
  apiKeyId,
  userId: null,
  creatorId: 'creator',
});

describe('RecentApiKeys', () => {
  it('returns a remembered key until its interval ends', () => {
    let now = 0;
    const recent = new RecentApiKeys(1_000, () => now);
    expect(recent.get('cap_a')).toBeNull();
    recent.remember('cap_a', actor('a'));
    now = 999;
    expect(recent.get('cap_a')).toEqual(actor('a'));
    expect(recent.get('cap_b')).toBeNull();
    now = 1_000;
    expect(recent.get('cap_a')).toBeNull();
  });

  it('forgets everything at once, and remembers nothing with an interval of 0', () => {
    const recent = new RecentApiKeys(1_000);
    recent.remember('cap_a', actor('a'));
    recent.forgetAll();
    expect(recent.get('cap_a')).toBeNull();
    const never = new RecentApiKeys(0);
    never.remember('cap_a', actor('a'));
    expect(never.get('cap_a')).toBeNull();
  });
});
