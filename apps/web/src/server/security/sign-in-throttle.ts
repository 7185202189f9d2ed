// Limits password guessing on next-auth's credentials sign-in (POST /api/auth/callback/credentials).
// Failures are counted per email from one address (a guesser on one account) and per address
// (one address spraying many accounts); a victim's account is never locked for everyone, only
// for the address that keeps failing. Each attempt is counted before the password is checked,
// so a burst of parallel guesses cannot all slip in under the limit; an attempt that turns out
// not to be a failure is taken back.
import { serverEnv } from '../../env';
import { SESSION_COOKIE_NAMES } from '../auth/session-cookie';
import { jsonError } from '../rest/error-response';
import { clientAddress } from './client-address';
import { rateLimitRules, type RateLimitRules } from './rate-limit-rules';
import { rateLimiter, type RateLimiter, type RateLimitRule } from './rate-limiter';

export interface SignInThrottle {
  limiter: RateLimiter;
  rules: Pick<RateLimitRules, 'signInFailuresPerEmail' | 'signInFailuresPerAddress'>;
  /** The public URL; the sign-in page's address in a refusal is built from it. */
  publicUrl: string | undefined;
}

/** The `error` next-auth's client reads from a refused sign-in; the sign-in page knows it. */
export const SIGN_IN_RATE_LIMITED = 'RateLimited';

const CREDENTIALS_CALLBACK = '/api/auth/callback/credentials';

function defaultThrottle(): SignInThrottle {
  return { limiter: rateLimiter(), rules: rateLimitRules(), publicUrl: serverEnv().NEXTAUTH_URL };
}

/** The email the sign-in form sent, normalised as accounts store it; '' when there is none. */
async function submittedEmail(request: Request): Promise<string> {
  try {
    const form = new URLSearchParams(await request.clone().text());
    return (form.get('email') ?? '').trim().toLowerCase().slice(0, 320);
  } catch {
    return '';
  }
}

function startedSession(response: Response): boolean {
  return response.headers
    .getSetCookie()
    .some((cookie) => SESSION_COOKIE_NAMES.some((name) => cookie.startsWith(`${name}=`)));
}

/**
 * next-auth's answer to a throttled sign-in: 429 with Retry-After, the API's error body, and the
 * `url` next-auth's client reads its `error` from.
 */
function refusal(request: Request, retryAfterSeconds: number, publicUrl: string | undefined) {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const response = jsonError(
    429,
    'RATE_LIMITED',
    `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    { url: new URL(`/sign-in?error=${SIGN_IN_RATE_LIMITED}`, publicUrl ?? request.url).href },
  );
  response.headers.set('Retry-After', String(retryAfterSeconds));
  return response;
}

/**
 * Runs `signIn` (next-auth's handler) for `request` within the sign-in limits. Requests other
 * than the credentials sign-in pass straight through.
 */
export async function throttleSignIn(
  request: Request,
  signIn: () => Promise<Response>,
  { limiter, rules, publicUrl }: SignInThrottle = defaultThrottle(),
): Promise<Response> {
  if (request.method !== 'POST' || new URL(request.url).pathname !== CREDENTIALS_CALLBACK) {
    return signIn();
  }
  const address = clientAddress(request);
  const counters: Array<[RateLimitRule, string]> = [
    [rules.signInFailuresPerEmail, `${await submittedEmail(request)} ${address ?? ''}`],
  ];
  // Without an address (a request made in-process) there is nothing to count per address.
  if (address) counters.push([rules.signInFailuresPerAddress, address]);

  const states = await Promise.all(counters.map(([rule, subject]) => limiter.hit(rule, subject)));
  const refused = states.filter((state) => !state.allowed);
  if (refused.length > 0) {
    const wait = Math.max(...refused.map((state) => state.retryAfterSeconds));
    return refusal(request, wait, publicUrl);
  }

  const response = await signIn();
  if (response.status === 401) return response; // a wrong email or password: it counts
  const [[emailRule, emailSubject], addressCounter] = counters as [
    [RateLimitRule, string],
    [RateLimitRule, string] | undefined,
  ];
  if (startedSession(response)) {
    // The owner of the account is back: their earlier mistakes no longer count.
    await limiter.reset(emailRule, emailSubject);
  } else {
    // No password was checked (e.g. a missing CSRF token): the attempt does not count.
    await limiter.refund(emailRule, emailSubject);
  }
  if (addressCounter) await limiter.refund(addressCounter[0], addressCounter[1]);
  return response;
}
