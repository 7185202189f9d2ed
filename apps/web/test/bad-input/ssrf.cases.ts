// Addresses an import, a webhook or a bucket endpoint must never reach. `trapPort` is a loopback
// server that is not on the allow-list (it counts any request that gets through); `allowed`
// builds URLs on the one loopback server the operator did allow.
import { ADVISORY_CLASSES, type BadInputCase } from './bad-input-case';

export interface SsrfTargets {
  trapPort: number;
  allowed: (path: string) => string;
}

export interface SsrfCase extends BadInputCase {
  url: (targets: SsrfTargets) => string;
  /** What the refusal says. */
  error: RegExp;
}

const ssrf = ADVISORY_CLASSES.ssrf;
const PRIVATE = /private or reserved address/;
const NOT_HTTP = /Only http and https URLs can be imported/;

/** URLs sent to POST /api/v1/projects/:projectId/data-rows. */
export const urlImportCases: SsrfCase[] = [
  {
    title: 'URL import from loopback 127.0.0.1',
    advisoryClass: ssrf,
    url: (t) => `http://127.0.0.1:${t.trapPort}/a.jpg`,
    error: PRIVATE,
  },
  {
    title: 'URL import from IPv6 loopback [::1]',
    advisoryClass: ssrf,
    url: (t) => `http://[::1]:${t.trapPort}/a.jpg`,
    error: PRIVATE,
  },
  {
    title: 'URL import from a 10.0.0.0/8 address',
    advisoryClass: ssrf,
    url: () => 'http://10.1.2.3/a.jpg',
    error: PRIVATE,
  },
  {
    title: 'URL import from a 172.16.0.0/12 address',
    advisoryClass: ssrf,
    url: () => 'http://172.20.0.5/a.jpg',
    error: PRIVATE,
  },
  {
    title: 'URL import from a 192.168.0.0/16 address',
    advisoryClass: ssrf,
    url: () => 'http://192.168.1.1/a.jpg',
    error: PRIVATE,
  },
  {
    title: 'URL import from the cloud metadata address 169.254.169.254',
    advisoryClass: ssrf,
    url: () => 'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    error: PRIVATE,
  },
  {
    title: 'URL import from an IPv4-mapped IPv6 loopback [::ffff:127.0.0.1]',
    advisoryClass: ssrf,
    url: (t) => `http://[::ffff:127.0.0.1]:${t.trapPort}/a.jpg`,
    error: PRIVATE,
  },
  {
    title: 'URL import from loopback spelt as a decimal number (http://2130706433/)',
    advisoryClass: ssrf,
    url: (t) => `http://2130706433:${t.trapPort}/a.jpg`,
    error: PRIVATE,
  },
  {
    title: 'URL import from loopback spelt in octal (http://0177.0.0.1/)',
    advisoryClass: ssrf,
    url: (t) => `http://0177.0.0.1:${t.trapPort}/a.jpg`,
    error: PRIVATE,
  },
  {
    title: 'URL import from loopback spelt in hex (http://0x7f.1/)',
    advisoryClass: ssrf,
    url: (t) => `http://0x7f.1:${t.trapPort}/a.jpg`,
    error: PRIVATE,
  },
  {
    title: 'URL import from an allowed host that redirects to a private address',
    advisoryClass: ssrf,
    url: (t) => t.allowed(`/redirect?to=http://127.0.0.1:${t.trapPort}/a.jpg`),
    error: PRIVATE,
  },
  {
    title: 'URL import from an allowed host that redirects to cloud metadata',
    advisoryClass: ssrf,
    url: (t) => t.allowed('/redirect?to=http://169.254.169.254/latest/meta-data/'),
    error: PRIVATE,
  },
  {
    title: 'URL import from a host name whose DNS answer is private (localhost, /etc/hosts)',
    advisoryClass: ssrf,
    url: (t) => `http://localhost:${t.trapPort}/a.jpg`,
    error: /localhost resolves to a private or reserved address/,
  },
  {
    title: 'URL import with a file: URL',
    advisoryClass: ssrf,
    url: () => 'file:///etc/passwd',
    error: NOT_HTTP,
  },
  {
    title: 'URL import with a gopher: URL',
    advisoryClass: ssrf,
    url: (t) => `gopher://127.0.0.1:${t.trapPort}/_GET%20/`,
    error: NOT_HTTP,
  },
  {
    title: 'URL import with an ftp: URL',
    advisoryClass: ssrf,
    url: () => 'ftp://127.0.0.1/a.jpg',
    error: NOT_HTTP,
  },
];

const WEBHOOK_PRIVATE = /private or reserved address.*webhooks only go to public hosts/;

/** Target URLs given to webhooks.create. */
export const webhookCases: SsrfCase[] = [
  {
    title: 'Webhook target on loopback',
    advisoryClass: ssrf,
    url: (t) => `http://127.0.0.1:${t.trapPort}/hook`,
    error: WEBHOOK_PRIVATE,
  },
  {
    title: 'Webhook target on cloud metadata, IPv4-mapped IPv6 spelling',
    advisoryClass: ssrf,
    url: () => 'http://[::ffff:169.254.169.254]/latest/meta-data/',
    error: WEBHOOK_PRIVATE,
  },
  {
    title: 'Webhook target on a private network address in decimal (http://167772161/)',
    advisoryClass: ssrf,
    url: () => 'http://167772161/hook',
    error: WEBHOOK_PRIVATE,
  },
  {
    title: 'Webhook target whose host name resolves to loopback',
    advisoryClass: ssrf,
    url: (t) => `http://localhost:${t.trapPort}/hook`,
    error: WEBHOOK_PRIVATE,
  },
  {
    title: 'Webhook target with a gopher: URL',
    advisoryClass: ssrf,
    url: (t) => `gopher://127.0.0.1:${t.trapPort}/_x`,
    error: /must start with http:\/\/ or https:\/\//,
  },
];

/** Endpoints given to an S3 data connection. */
export const s3EndpointCases: SsrfCase[] = [
  {
    title: 'S3 connection endpoint on cloud metadata',
    advisoryClass: ssrf,
    url: () => 'http://169.254.169.254',
    error: /S3 endpoint refused: .*private or reserved address/,
  },
  {
    title: 'S3 connection endpoint on loopback in octal',
    advisoryClass: ssrf,
    url: (t) => `http://0177.0.0.1:${t.trapPort}`,
    error: /S3 endpoint refused: .*private or reserved address/,
  },
  {
    title: 'S3 connection endpoint whose host name resolves to loopback',
    advisoryClass: ssrf,
    url: (t) => `http://localhost:${t.trapPort}`,
    error: /S3 endpoint refused: localhost resolves to a private or reserved address/,
  },
  {
    title: 'S3 connection endpoint with a file: URL',
    advisoryClass: ssrf,
    url: () => 'file:///etc/passwd',
    error: /Endpoint must be an http\(s\) URL/,
  },
  {
    title: 'S3 connection endpoint that is not a URL at all (http://)',
    advisoryClass: ssrf,
    url: () => 'http://',
    error: /S3 endpoint is not a valid URL/,
  },
];
