// Fixed-window rate limits kept in Redis, so every web process of a deployment counts together.
// A window starts with the first hit of a subject and lasts `windowSeconds` (Redis expires it).
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { serverEnv } from '../../env';
import { AppError } from '../errors';
import { getRedis } from '../redis';

/** One limit: at most `limit` hits per subject within `windowSeconds`. */
export interface RateLimitRule {
  /** Names the counter in Redis, e.g. `sign-in:email-address`. */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitState {
  /** Hits counted in the current window (after this one, for `hit`). */
  count: number;
  /** True while the count is within the limit. */
  allowed: boolean;
  /** Seconds until the window ends and the count starts again (at least 1). */
  retryAfterSeconds: number;
}

/** Thrown when a caller is over a limit; answered 429 with a Retry-After header. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message);
    this.name = 'RateLimitedError';
  }
}

// Increments and sets the expiry in one step, so two processes can never both see a fresh key
// and a crash between INCRBY and PEXPIRE can never leave a counter that lives forever.
const COUNT_HIT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
`;

const HIT_SCRIPT = `${COUNT_HIT}
return {count, ttl}
`;

/** A counter's count and remaining milliseconds, read without counting (Lua expressions). */
const readCounter = (key: string) =>
  `tonumber(redis.call('GET', ${key}) or '0'), redis.call('PTTL', ${key})`;

// KEYS[2] is the guard's counter and ARGV[3] its limit: a guard at its limit blocks the hit,
// which is then not counted.
const GUARDED_HIT_SCRIPT = `
local guard, guardTtl = ${readCounter('KEYS[2]')}
if guard >= tonumber(ARGV[3]) then return {guard, guardTtl} end
${COUNT_HIT}
return {guard, guardTtl, count, ttl}
`;

const PEEK_SCRIPT = `
return {${readCounter('KEYS[1]')}}
`;

// Never below zero; an expired key stays absent rather than coming back negative.
const REFUND_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECRBY', KEYS[1], math.min(count, tonumber(ARGV[1]))) end
return 0
`;

function stateOf(rule: RateLimitRule, count: number, ttlMs: number): RateLimitState {
  const remainingMs = ttlMs > 0 ? ttlMs : rule.windowSeconds * 1000;
  return {
    count,
    allowed: count <= rule.limit,
    retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)),
  };
}

/** A state read without counting: `allowed` answers "may one more hit happen". */
function peekStateOf(rule: RateLimitRule, count: number, ttlMs: number): RateLimitState {
  return { ...stateOf(rule, count, ttlMs), allowed: count < rule.limit };
}

/**
 * Counts hits per subject in Redis. When Redis cannot answer, limits are not enforced (requests
 * pass and the failure is logged): Redis being down must not lock every user out of sign-in and
 * every machine client out of the API.
 */
export class RateLimiter {
  private lastLoggedAt = 0;

  /**
   * `namespace` keeps apart the counters of deployments (or test runs) that share one Redis, as
   * QUEUE_PREFIX keeps their queues apart.
   */
  constructor(
    private readonly redis: Redis,
    private readonly namespace = 'captionary',
  ) {}

  /** Subjects (emails, addresses, key ids) are hashed: no personal data in Redis key names. */
  private counterKey(rule: RateLimitRule, subject: string): string {
    const digest = createHash('sha256').update(subject).digest('base64url');
    return `${this.namespace}:rate-limit:${rule.name}:${digest}`;
  }

  /** Counts one hit (or `cost` hits) of `subject` and says whether it is within the limit. */
  async hit(rule: RateLimitRule, subject: string, cost = 1): Promise<RateLimitState> {
    try {
      const [count, ttl] = (await this.redis.eval(
        HIT_SCRIPT,
        1,
        this.counterKey(rule, subject),
        cost,
        rule.windowSeconds * 1000,
      )) as [number, number];
      return stateOf(rule, count, ttl);
    } catch (error) {
      return this.unenforced(rule, error);
    }
  }

  /**
   * `hit`, unless the guard's subject has used up the guard's own limit: then nothing is counted
   * and `hit` is null. One Redis call for a check and a count that always go together (every API
   * request checks its address's failures and counts against its key's budget).
   */
  async guardedHit(
    guard: { rule: RateLimitRule; subject: string },
    rule: RateLimitRule,
    subject: string,
  ): Promise<{ guard: RateLimitState; hit: RateLimitState | null }> {
    try {
      const [guardCount, guardTtl, count, ttl] = (await this.redis.eval(
        GUARDED_HIT_SCRIPT,
        2,
        this.counterKey(rule, subject),
        this.counterKey(guard.rule, guard.subject),
        1,
        rule.windowSeconds * 1000,
        guard.rule.limit,
      )) as [number, number, number?, number?];
      return {
        guard: peekStateOf(guard.rule, guardCount, guardTtl),
        hit: count === undefined ? null : stateOf(rule, count, ttl!),
      };
    } catch (error) {
      return { guard: this.unenforced(guard.rule, error), hit: this.unenforced(rule, error) };
    }
  }

  /** The current state without counting: whether one more hit would still be allowed. */
  async peek(rule: RateLimitRule, subject: string): Promise<RateLimitState> {
    const key = this.counterKey(rule, subject);
    try {
      const [count, ttl] = (await this.redis.eval(PEEK_SCRIPT, 1, key)) as [number, number];
      return peekStateOf(rule, count, ttl);
    } catch (error) {
      return this.unenforced(rule, error);
    }
  }

  /** Forgets a subject's count, e.g. the failures of an email once its owner signs in. */
  async reset(rule: RateLimitRule, subject: string): Promise<void> {
    await this.redis.del(this.counterKey(rule, subject)).catch((error) => this.log(error));
  }

  /** Takes back hits counted in advance for something that turned out not to count. */
  async refund(rule: RateLimitRule, subject: string, cost = 1): Promise<void> {
    await this.redis
      .eval(REFUND_SCRIPT, 1, this.counterKey(rule, subject), cost)
      .catch((error) => this.log(error));
  }

  private unenforced(rule: RateLimitRule, error: unknown): RateLimitState {
    this.log(error);
    return { count: 0, allowed: true, retryAfterSeconds: rule.windowSeconds };
  }

  private log(error: unknown): void {
    // At most once a minute: while Redis is down every request would log otherwise.
    if (Date.now() - this.lastLoggedAt < 60_000) return;
    this.lastLoggedAt = Date.now();
    console.error(`rate limits not enforced, Redis did not answer: ${(error as Error).message}`);
  }
}

let shared: RateLimiter | undefined;

/** The process-wide limiter on the web app's Redis connection. */
export function rateLimiter(): RateLimiter {
  shared ??= new RateLimiter(getRedis(), serverEnv().QUEUE_PREFIX);
  return shared;
}
