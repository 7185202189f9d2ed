// API keys authenticated in the last few seconds, so that a machine client's stream of requests
// costs one database lookup per key and interval instead of one per request. The price is a
// bounded delay: a key revoked on another web process, or whose creator was demoted, disabled or
// removed, keeps its old standing there for at most the interval (API_KEY_CACHE_SECONDS; 0 turns
// this off). The process that revokes a key, or changes or removes a member, forgets every
// remembered key at once.
import { hashToken } from '@captionary/db';
import { serverEnv } from '../../env';
import type { ApiKeyActor } from './api-keys';

/** Keys remembered at most; past it the oldest are forgotten first. */
const MAX_REMEMBERED = 10_000;

export class RecentApiKeys {
  /** By the key's hash, so no usable key sits in the process's memory longer than a request. */
  private readonly entries = new Map<string, { actor: ApiKeyActor; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The actor a key authenticated as within the interval, or null. */
  get(presented: string): ApiKeyActor | null {
    if (this.ttlMs <= 0) return null;
    const hash = hashToken(presented);
    const entry = this.entries.get(hash);
    if (!entry) return null;
    if (entry.expiresAt > this.now()) return entry.actor;
    this.entries.delete(hash);
    return null;
  }

  remember(presented: string, actor: ApiKeyActor): void {
    if (this.ttlMs <= 0) return;
    const hash = hashToken(presented);
    this.entries.delete(hash);
    this.entries.set(hash, { actor, expiresAt: this.now() + this.ttlMs });
    // Maps iterate in insertion order, so the first entry is the oldest.
    if (this.entries.size > MAX_REMEMBERED) this.entries.delete(this.entries.keys().next().value!);
  }

  forgetAll(): void {
    this.entries.clear();
  }
}

let shared: RecentApiKeys | undefined;

/** The web process's remembered keys. */
export function recentApiKeys(): RecentApiKeys {
  shared ??= new RecentApiKeys(serverEnv().API_KEY_CACHE_SECONDS * 1000);
  return shared;
}

/**
 * After a change to who a key acts for or whether it works (revocation, a member's role or
 * removal): this process asks the database again for every key.
 */
export function forgetRecentApiKeys(): void {
  shared?.forgetAll();
}
