// The shape every bad-input case shares, and the advisory classes the cases are drawn from. The
// ids are published advisories of Label Studio and CVAT; a class without an id names the kind of
// flaw only.

/** One hostile input and the advisory class it comes from. */
export interface BadInputCase {
  title: string;
  advisoryClass: string;
}

export const ADVISORY_CLASSES = {
  ssrf:
    'Server-side request forgery (Label Studio GHSA-p59w-9gqw-wj8r, import SSRF protection ' +
    'bypass; CVAT GHSA-7vpj-j5xv-29pr)',
  storedXss:
    'Stored cross-site scripting (Label Studio GHSA-6xv9-957j-qfhg; CVAT GHSA-w6mx-95ff-72cv)',
  dangerousFile:
    'Uploaded file served as active content (Label Studio GHSA-q68h-xwq5-mm7x, ' +
    'GHSA-fq23-g58m-799r; CVAT GHSA-3m7p-wx65-c7mp)',
  pathTraversal: 'Path traversal (Label Studio GHSA-cpmr-mw4j-99r7; CVAT GHSA-6f87-4g86-p9gw)',
  ormLeak: 'ORM filter injection / leak (Label Studio GHSA-6hjj-gq77-j4qw)',
  sqlInjection: 'SQL injection (class)',
  prototypePollution: 'Prototype pollution (class)',
  resourceExhaustion: 'Resource exhaustion: decompression bombs, oversized input (class)',
  malformedInput: 'Malformed or mistyped input (class)',
  openRedirect: 'Open redirect after sign-in (class)',
  csrf: 'Cross-site request forgery (class)',
  credentialExposure: 'Credentials accepted in URLs (class)',
} as const;

/** The cases of one area, as a Markdown list under a heading. */
export function casesAsMarkdown(area: string, cases: readonly BadInputCase[]): string {
  const lines = cases.map((c) => `- ${c.title} — _${c.advisoryClass}_`);
  return [`### ${area}`, '', ...lines].join('\n');
}
