// The shape every bad-input case shares, and the advisory classes the cases are drawn from. The
// ids are published advisories of Label Studio and CVAT; a class without one names the kind of
// flaw only.

/** One hostile input and the advisory class it comes from. */
export interface BadInputCase {
  title: string;
  advisoryClass: AdvisoryClass;
}

export const ADVISORY_CLASSES = {
  ssrf: 'SSRF',
  storedXss: 'Stored XSS',
  dangerousFile: 'File served as active content',
  pathTraversal: 'Path traversal',
  ormLeak: 'ORM filter leak',
  sqlInjection: 'SQL injection',
  prototypePollution: 'Prototype pollution',
  resourceExhaustion: 'Resource exhaustion',
  malformedInput: 'Malformed input',
  openRedirect: 'Open redirect',
  csrf: 'CSRF',
  credentialExposure: 'Credentials in URLs',
} as const;

export type AdvisoryClass = (typeof ADVISORY_CLASSES)[keyof typeof ADVISORY_CLASSES];

/** The published advisories behind each class ('' where the class is named without one). */
export const ADVISORY_REFERENCES: Record<AdvisoryClass, string> = {
  SSRF:
    'Label Studio GHSA-p59w-9gqw-wj8r (import SSRF protection bypass); ' +
    'CVAT GHSA-7vpj-j5xv-29pr (CVE-2022-31188)',
  'Stored XSS':
    'Label Studio GHSA-6xv9-957j-qfhg (imported data rendered as HTML); ' +
    'CVAT GHSA-w6mx-95ff-72cv (annotation guide assets)',
  'File served as active content':
    'Label Studio GHSA-q68h-xwq5-mm7x (avatar image served as HTML), GHSA-fq23-g58m-799r ' +
    '(imported HTML file); CVAT GHSA-3m7p-wx65-c7mp (SVG images)',
  'Path traversal':
    'Label Studio GHSA-cpmr-mw4j-99r7 (file read); CVAT GHSA-6f87-4g86-p9gw (path writes)',
  'ORM filter leak': 'Label Studio GHSA-6hjj-gq77-j4qw (filtering tasks by related fields)',
  'SQL injection': '',
  'Prototype pollution': '',
  'Resource exhaustion': '',
  'Malformed input': '',
  'Open redirect': '',
  CSRF: '',
  'Credentials in URLs': '',
};

/** The cases of one area, as a Markdown list under a heading. */
export function casesAsMarkdown(heading: string, cases: readonly BadInputCase[]): string {
  const lines = cases.map((c) => `- ${c.title} — _${c.advisoryClass}_`);
  return [`### ${heading}`, '', ...lines].join('\n');
}
