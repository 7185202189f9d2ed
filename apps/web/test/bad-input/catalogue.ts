// Every bad-input case by area, in the order the README lists them.
import { ADVISORY_REFERENCES, casesAsMarkdown, type BadInputCase } from './bad-input-case';
import { fileCases } from './files.cases';
import { exportQueryCases, prototypePollutionCases, rowFilterCases } from './injection.cases';
import { folderConnectionCases, syncTargetCases, uploadNameCases } from './paths.cases';
import {
  oversizedBodyCases,
  paginationCases,
  rawBodyCases,
  reviewBodyCases,
  urlCountCase,
} from './payloads.cases';
import { apiKeyInQueryCases, callbackUrlCases, crossSiteCases } from './sessions.cases';
import { s3EndpointCases, urlImportCases, webhookCases } from './ssrf.cases';
import { xssCases } from './xss.cases';

export interface BadInputArea {
  area: string;
  /** The test file that runs the area's cases. */
  file: string;
  cases: readonly BadInputCase[];
}

export const BAD_INPUT_AREAS: readonly BadInputArea[] = [
  {
    area: 'SSRF',
    file: 'ssrf.integration.test.ts',
    cases: [...urlImportCases, ...webhookCases, ...s3EndpointCases],
  },
  { area: 'Stored XSS', file: 'xss.integration.test.ts', cases: xssCases },
  {
    area: 'Path traversal',
    file: 'paths.integration.test.ts',
    cases: [...uploadNameCases, ...folderConnectionCases, ...syncTargetCases],
  },
  { area: 'Files', file: 'files.integration.test.ts', cases: fileCases },
  {
    area: 'Injection',
    file: 'injection.integration.test.ts',
    cases: [...rowFilterCases, ...exportQueryCases, ...prototypePollutionCases],
  },
  {
    area: 'Payloads',
    file: 'payloads.integration.test.ts',
    cases: [
      ...reviewBodyCases,
      ...rawBodyCases,
      ...oversizedBodyCases,
      urlCountCase,
      ...paginationCases,
    ],
  },
  {
    area: 'Sessions',
    file: 'sessions.integration.test.ts',
    cases: [...callbackUrlCases, ...crossSiteCases, ...apiKeyInQueryCases],
  },
];

/** The advisory classes with their published advisories, as a Markdown list. */
function classesAsMarkdown(): string {
  const lines = Object.entries(ADVISORY_REFERENCES).map(
    ([name, references]) => `- **${name}**${references ? `: ${references}` : ' (class only)'}`,
  );
  return ['### Advisory classes', '', ...lines].join('\n');
}

/** The whole catalogue as Markdown: the classes, then one section per area, one line per case. */
export function catalogueAsMarkdown(): string {
  const total = BAD_INPUT_AREAS.reduce((sum, area) => sum + area.cases.length, 0);
  const sections = BAD_INPUT_AREAS.map(({ area, file, cases }) =>
    casesAsMarkdown(`${area} (${cases.length} cases, \`${file}\`)`, cases),
  );
  return [`${total} cases.`, classesAsMarkdown(), ...sections].join('\n\n');
}
