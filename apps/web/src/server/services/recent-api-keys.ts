// API keys authenticated in the last few seconds, so that a machine client's stream of requests
// costs one database lookup per key and interval instead of one per request, and that lookup runs
// in the background, ahead of the expiry. The price is a bounded delay: a key revoked on another
// web process, or whose creator was demoted, disabled or removed, keeps its old standing there for
// at most the interval (API_KEY_CACHE_SECONDS; 0 turns this off). The process that revokes a key,
// or changes or removes a member, forgets every remembered key at once.
import { hashToken } from '@captionary/db';
import { serverEnv } from '../../env';
import type { ApiKeyActor } from './api-keys';

/** Keys remembered at most; past it the oldest are forgotten first. */
const MAX_REMEMBERED = 10_000;

/** When a database lookup of a key began, to date what it found (see remember). */
export interface KeyLookup {
  startedAt: number;
  generation: number;
}

interface Entry {
  actor: ApiKeyActor;
  /** When the lookup that found the actor began; the entry is trusted for the interval after. */
  lookedUpAt: number;
  refreshing: boolean;
}

export class RecentApiKeys {
  /** By the key's hash, so no usable key sits in the process's memory longer than a request. */
  private readonly entries = new Map<string, Entry>();
  private readonly refreshes = new Set<Promise<void>>();
  /** Bumped by forgetAll, so a lookup begun before it cannot remember its answer after it. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The actor a key authenticated as within the interval, or null. With `lookup`, a key in steady
   * use is also refreshed ahead of its expiry (see refreshAhead).
   */
  get(presented: string, lookup?: () => Promise<ApiKeyActor | null>): ApiKeyActor | null {
    if (this.ttlMs <= 0) return null;
    const hash = hashToken(presented);
    const entry = this.entries.get(hash);
    if (!entry) return null;
    if (entry.lookedUpAt + this.ttlMs <= this.now()) {
      this.entries.delete(hash);
      return null;
    }
    if (lookup) this.refreshAhead(presented, hash, entry, lookup);
    return entry.actor;
  }

  /** Marks the start of a database lookup whose answer goes to remember(). */
  beginLookup(): KeyLookup {
    return { startedAt: this.now(), generation: this.generation };
  }

  /**
   * Remembers what a lookup found until the interval has passed since the lookup began (so the
   * interval bounds how stale a trusted answer can be), unless everything was forgotten meanwhile.
   */
  remember(presented: string, actor: ApiKeyActor, lookup = this.beginLookup()): void {
    if (this.ttlMs <= 0 || lookup.generation !== this.generation) return;
    const hash = hashToken(presented);
    this.entries.delete(hash);
    this.entries.set(hash, { actor, lookedUpAt: lookup.startedAt, refreshing: false });
    // Maps iterate in insertion order, so the first entry is the oldest.
    if (this.entries.size > MAX_REMEMBERED) this.entries.delete(this.entries.keys().next().value!);
  }

  /**
   * For a remembered key in steady use: once half its interval has passed, looks it up again in
   * the background (one lookup per key at a time) and remembers the answer, so the key does not
   * expire in front of a request that would then wait for the database. A key the lookup refuses
   * (null) is forgotten at once; a failed lookup leaves the entry to expire as it would have.
   */
  private refreshAhead(
    presented: string,
    hash: string,
    entry: Entry,
    lookup: () => Promise<ApiKeyActor | null>,
  ): void {
    if (entry.refreshing || this.now() - entry.lookedUpAt < this.ttlMs / 2) return;
    entry.refreshing = true;
    const started = this.beginLookup();
    const refresh = lookup()
      .then((actor) => {
        if (actor) this.remember(presented, actor, started);
        else if (started.generation === this.generation) this.entries.delete(hash);
      })
      .catch((error: Error) => console.error(`refreshing an API key failed: ${error.message}`))
      .finally(() => {
        entry.refreshing = false;
        this.refreshes.delete(refresh);
      });
    this.refreshes.add(refresh);
  }

  /** Resolves once the background lookups begun so far have finished. */
  async settled(): Promise<void> {
    await Promise.all([...this.refreshes]);
  }

  forgetAll(): void {
    this.generation++;
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
