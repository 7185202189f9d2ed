// The platform's rate limits, from the environment (see env.ts for each variable and default).
import { serverEnv, type ServerEnv } from '../../env';
import type { RateLimitRule } from './rate-limiter';

export interface RateLimitRules {
  /** Failed sign-ins for one email from one address. */
  signInFailuresPerEmail: RateLimitRule;
  /** Failed sign-ins from one address, whatever the email (password spraying). */
  signInFailuresPerAddress: RateLimitRule;
  /** Requests per API key. */
  apiKeyRequests: RateLimitRule;
  /** Unknown or revoked API keys presented from one address. */
  apiKeyFailuresPerAddress: RateLimitRule;
}

type RateLimitEnv = Pick<
  ServerEnv,
  | 'RATE_LIMIT_SIGN_IN_FAILURES'
  | 'RATE_LIMIT_SIGN_IN_FAILURES_PER_ADDRESS'
  | 'RATE_LIMIT_SIGN_IN_WINDOW_SECONDS'
  | 'RATE_LIMIT_API_KEY_PER_MINUTE'
  | 'RATE_LIMIT_API_KEY_FAILURES_PER_MINUTE'
>;

export function rateLimitRules(env: RateLimitEnv = serverEnv()): RateLimitRules {
  return {
    signInFailuresPerEmail: {
      name: 'sign-in-failures:email-address',
      limit: env.RATE_LIMIT_SIGN_IN_FAILURES,
      windowSeconds: env.RATE_LIMIT_SIGN_IN_WINDOW_SECONDS,
    },
    signInFailuresPerAddress: {
      name: 'sign-in-failures:address',
      limit: env.RATE_LIMIT_SIGN_IN_FAILURES_PER_ADDRESS,
      windowSeconds: env.RATE_LIMIT_SIGN_IN_WINDOW_SECONDS,
    },
    apiKeyRequests: {
      name: 'api-key-requests',
      limit: env.RATE_LIMIT_API_KEY_PER_MINUTE,
      windowSeconds: 60,
    },
    apiKeyFailuresPerAddress: {
      name: 'api-key-failures:address',
      limit: env.RATE_LIMIT_API_KEY_FAILURES_PER_MINUTE,
      windowSeconds: 60,
    },
  };
}
