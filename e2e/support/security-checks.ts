// Security checks the browser scenarios make on the running app: the headers of pages and API
// responses, the flags of cookies, cross-site mutations, and Content-Security-Policy violations
// reported by Chromium.
import type { BrowserContext, Page, Response } from 'playwright-core';
import { expectThat } from './steps';

/**
 * Collects every Content-Security-Policy violation that any page of `context` reports from now
 * on; a scenario checks at its end that the list is empty.
 */
export async function collectCspViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  // As source text: this runs in the page, and e2e code is type-checked without the DOM types.
  await context.addInitScript(`
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline'));
    });
  `);
  context.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|CSP violation/i.test(text)) {
      violations.push(`${message.page()?.url() ?? '?'}: ${text}`);
    }
  });
  return violations;
}

function expectHeader(response: Response, name: string, expected: string | RegExp): string {
  const value = response.headers()[name] ?? '';
  const ok = typeof expected === 'string' ? value === expected : expected.test(value);
  expectThat(ok, `${response.url()}: ${name} is "${value}", expected ${String(expected)}`);
  return value;
}

/** Headers every response carries, pages and API alike. */
function expectBaselineHeaders(response: Response): void {
  expectHeader(response, 'x-content-type-options', 'nosniff');
  expectHeader(response, 'x-frame-options', 'DENY');
  expectHeader(response, 'referrer-policy', 'strict-origin-when-cross-origin');
}

/**
 * Checks a page response's headers and that every script on the page carries the policy's
 * nonce; returns the nonce.
 */
export async function expectPageSecurity(page: Page, response: Response | null): Promise<string> {
  expectThat(response !== null, 'the page load gave no response');
  expectBaselineHeaders(response!);
  const policy = expectHeader(response!, 'content-security-policy', /script-src/);
  for (const directive of [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "connect-src 'self'",
  ]) {
    expectThat(policy.includes(directive), `the page's policy lacks ${directive}: ${policy}`);
  }
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/.exec(policy)?.[1];
  expectThat(nonce !== undefined, `the page's script-src has no nonce: ${policy}`);
  // Browsers hide the nonce attribute from the DOM; the `nonce` property still holds it.
  const scripts = (await page.evaluate(
    'Array.from(document.querySelectorAll("script"), (script) => script.nonce)',
  )) as string[];
  expectThat(scripts.length > 0, 'the page has no scripts');
  expectThat(
    scripts.every((scriptNonce) => scriptNonce === nonce),
    `scripts without the page's nonce: ${JSON.stringify(scripts)}`,
  );
  return nonce!;
}

/** Checks the headers of an API response (fetched with the context's cookies). */
export async function expectApiSecurity(context: BrowserContext, url: string): Promise<void> {
  const response = await context.request.get(url);
  const headers = response.headers();
  for (const [name, expected] of [
    ['x-content-type-options', 'nosniff'],
    ['x-frame-options', 'DENY'],
  ] as const) {
    expectThat(headers[name] === expected, `${url}: ${name} is "${headers[name]}"`);
  }
  const policy = headers['content-security-policy'] ?? '';
  expectThat(
    policy.includes("default-src 'none'") && /(^|; )sandbox(;|$)/.test(policy),
    `${url}: the API's policy is "${policy}"`,
  );
}

/** Checks that the named cookies exist with HttpOnly and SameSite=Lax (and Secure when asked). */
export async function expectCookieFlags(
  context: BrowserContext,
  names: string[],
  { secure }: { secure: boolean },
): Promise<void> {
  const cookies = await context.cookies();
  for (const name of names) {
    const cookie = cookies.find((candidate) => candidate.name === name);
    expectThat(cookie !== undefined, `no ${name} cookie (have: ${cookies.map((c) => c.name)})`);
    expectThat(cookie!.httpOnly, `${name} is readable by scripts (not HttpOnly)`);
    expectThat(cookie!.sameSite === 'Lax', `${name} is SameSite=${cookie!.sameSite}, not Lax`);
    expectThat(cookie!.secure === secure, `${name} has Secure=${cookie!.secure}`);
  }
}

/**
 * Posts to a tRPC mutation as another site's HTML form would (the context's session cookie
 * attached, another Origin) and checks that it is refused with 403 JSON.
 */
export async function expectCrossSiteMutationRefused(
  context: BrowserContext,
  baseUrl: string,
  projectName: string,
): Promise<void> {
  for (const [contentType, body] of [
    ['application/x-www-form-urlencoded', `name=${encodeURIComponent(projectName)}`],
    ['text/plain', JSON.stringify({ json: { name: projectName } })],
  ]) {
    const response = await context.request.post(`${baseUrl}/api/trpc/projects.create`, {
      headers: { origin: 'https://evil.example', 'content-type': contentType! },
      data: body,
    });
    expectThat(
      response.status() === 403,
      `a cross-site ${contentType} post got ${response.status()}`,
    );
    const json = (await response.json()) as { error?: { code?: string } };
    expectThat(json.error?.code === 'FORBIDDEN', `unexpected body ${JSON.stringify(json)}`);
  }
}
