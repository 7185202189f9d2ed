// Attacks on the signed-in session: where sign-in sends people afterwards, forged cross-site
// form posts that ride on the session cookie, and API keys put where they leak (URLs).
import { ADVISORY_CLASSES, type BadInputCase } from './bad-input-case';

export interface CallbackUrlCase extends BadInputCase {
  callbackUrl: string;
}

const redirect = ADVISORY_CLASSES.openRedirect;

export const callbackUrlCases: CallbackUrlCase[] = [
  {
    title: 'Sign-in callbackUrl to another site (https://evil.example)',
    advisoryClass: redirect,
    callbackUrl: 'https://evil.example/phish',
  },
  {
    title: 'Sign-in callbackUrl protocol-relative (//evil.example)',
    advisoryClass: redirect,
    callbackUrl: '//evil.example/phish',
  },
  {
    title: 'Sign-in callbackUrl with a backslash (/\\evil.example)',
    advisoryClass: redirect,
    callbackUrl: '/\\evil.example/phish',
  },
  {
    title: 'Sign-in callbackUrl with a javascript: URL',
    advisoryClass: redirect,
    callbackUrl: 'javascript:alert(document.cookie)',
  },
  {
    title: 'Sign-in callbackUrl with a tab inside the slashes (/\\t/evil.example)',
    advisoryClass: redirect,
    callbackUrl: '/\t/evil.example/phish',
  },
];

export interface CrossSiteCase extends BadInputCase {
  headers: Record<string, string>;
  error: RegExp;
}

export const crossSiteCases: CrossSiteCase[] = [
  {
    title: 'Cross-site HTML form post to a tRPC mutation with a valid session cookie',
    advisoryClass: ADVISORY_CLASSES.csrf,
    headers: {
      origin: 'https://evil.example',
      'content-type': 'application/x-www-form-urlencoded',
    },
    error: /Cross-site requests cannot change anything here/,
  },
  {
    title: 'Cross-site post with Origin "null" (sandboxed iframe) and a valid session cookie',
    advisoryClass: ADVISORY_CLASSES.csrf,
    headers: { origin: 'null', 'content-type': 'text/plain' },
    error: /Cross-site requests cannot change anything here/,
  },
];

export interface QueryKeyCase extends BadInputCase {
  parameter: string;
}

export const apiKeyInQueryCases: QueryKeyCase[] = [
  {
    title: 'API key in the query string (?api_key=…) is ignored',
    advisoryClass: ADVISORY_CLASSES.credentialExposure,
    parameter: 'api_key',
  },
  {
    title: 'API key in the query string (?access_token=…) is ignored',
    advisoryClass: ADVISORY_CLASSES.credentialExposure,
    parameter: 'access_token',
  },
];
