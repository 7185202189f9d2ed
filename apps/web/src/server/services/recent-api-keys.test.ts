import { describe, expect, it, vi } from 'vitest';
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

  it('looks a key in steady use up again after half its interval, in the background, once at a time', async () => {
    let now = 0;
    const recent = new RecentApiKeys(1_000, () => now);
    recent.remember('cap_a', actor('a'));
    let answer!: (found: ApiKeyActor | null) => void;
    const lookup = vi.fn(() => new Promise<ApiKeyActor | null>((resolve) => (answer = resolve)));
    now = 499;
    recent.get('cap_a', lookup);
    expect(lookup).not.toHaveBeenCalled();
    now = 500;
    recent.get('cap_a', lookup);
    recent.get('cap_a', lookup);
    expect(lookup).toHaveBeenCalledTimes(1);
    now = 600;
    answer(actor('a2'));
    await recent.settled();
    // Trusted for the interval from when the lookup began (500), not from when it answered.
    now = 1_499;
    expect(recent.get('cap_a')).toEqual(actor('a2'));
    now = 1_500;
    expect(recent.get('cap_a')).toBeNull();
  });

  it('forgets a key the background lookup refuses, and keeps one whose lookup failed', async () => {
    let now = 0;
    const recent = new RecentApiKeys(1_000, () => now);
    recent.remember('cap_a', actor('a'));
    recent.remember('cap_b', actor('b'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    now = 600;
    recent.get('cap_a', async () => null);
    recent.get('cap_b', async () => {
      throw new Error('database unavailable');
    });
    await recent.settled();
    expect(recent.get('cap_a')).toBeNull();
    expect(recent.get('cap_b')).toEqual(actor('b'));
    expect(errors).toHaveBeenCalledOnce();
    errors.mockRestore();
    now = 1_000;
    expect(recent.get('cap_b')).toBeNull();
  });

  it('drops the answer of a lookup begun before everything was forgotten', async () => {
    let now = 0;
    const recent = new RecentApiKeys(1_000, () => now);
    const lookup = recent.beginLookup();
    recent.forgetAll();
    recent.remember('cap_a', actor('a'), lookup);
    expect(recent.get('cap_a')).toBeNull();

    recent.remember('cap_b', actor('b'));
    let answer!: (found: ApiKeyActor | null) => void;
    now = 600;
    recent.get('cap_b', () => new Promise((resolve) => (answer = resolve)));
    recent.forgetAll();
    answer(actor('b'));
    await recent.settled();
    expect(recent.get('cap_b')).toBeNull();
  });
});
