// Filters that try to reach columns, relations or SQL they should not: the dataset browser's row
// filter (tRPC), the REST export's query string, and JSON keys that would pollute prototypes.
import { ADVISORY_CLASSES, type BadInputCase } from './bad-input-case';

export interface RowFilterCase extends BadInputCase {
  /** Sent as `filter` to dataRows.browse; JSON text so that `__proto__` stays an own key. */
  filterJson: string;
  /** Refused with this message, or run as a plain-text search that matches no row. */
  outcome: { refused: RegExp } | { matchesNothing: true };
}

const VALID_FILTERS = /valid filters are hasPrelabel, stepId, labelStatus, jobId, text/;

export const rowFilterCases: RowFilterCase[] = [
  {
    title: 'Row filter on an unknown relation path (createdBy.passwordHash)',
    advisoryClass: ADVISORY_CLASSES.ormLeak,
    filterJson: '{"createdBy.passwordHash": {"startsWith": "$argon2"}}',
    outcome: { refused: VALID_FILTERS },
  },
  {
    title: 'Row filter with a nested relation object (label.createdBy.passwordHash)',
    advisoryClass: ADVISORY_CLASSES.ormLeak,
    filterJson: '{"label": {"createdBy": {"passwordHash": {"startsWith": "$"}}}}',
    outcome: { refused: VALID_FILTERS },
  },
  {
    title: 'Row filter with a Prisma-style operator on a known field ({labelStatus: {not: …}})',
    advisoryClass: ADVISORY_CLASSES.ormLeak,
    filterJson: '{"labelStatus": {"not": "NONE"}}',
    outcome: { refused: /labelStatus/ },
  },
  {
    title: 'Row filter with a `__proto__` key',
    advisoryClass: ADVISORY_CLASSES.prototypePollution,
    filterJson: '{"__proto__": {"text": "a picture"}}',
    outcome: { refused: VALID_FILTERS },
  },
  {
    title: "Row search text with a SQL fragment (' OR '1'='1' --)",
    advisoryClass: ADVISORY_CLASSES.sqlInjection,
    filterJson: JSON.stringify({ text: "' OR '1'='1' --" }),
    outcome: { matchesNothing: true },
  },
  {
    title: 'Row search text that is a LIKE wildcard (%)',
    advisoryClass: ADVISORY_CLASSES.sqlInjection,
    filterJson: JSON.stringify({ text: '%' }),
    outcome: { matchesNothing: true },
  },
];

export interface ExportQueryCase extends BadInputCase {
  /** The query string after `?format=jsonl&`. */
  query: string;
  error: RegExp;
}

const VALID_PARAMETERS = /valid parameters are format, status, step, since, until, reviewer/;

export const exportQueryCases: ExportQueryCase[] = [
  {
    title: 'Export filter on an unknown relation path (createdBy.passwordHash=…)',
    advisoryClass: ADVISORY_CLASSES.ormLeak,
    query: 'createdBy.passwordHash=%24argon2',
    error: VALID_PARAMETERS,
  },
  {
    title: 'Export filter with a Prisma-style operator (status[not]=APPROVED)',
    advisoryClass: ADVISORY_CLASSES.ormLeak,
    query: 'status%5Bnot%5D=APPROVED',
    error: VALID_PARAMETERS,
  },
  {
    title: "Export status with a SQL fragment (APPROVED' OR '1'='1)",
    advisoryClass: ADVISORY_CLASSES.sqlInjection,
    query: `status=${encodeURIComponent("APPROVED' OR '1'='1")}`,
    error: /status must be among APPROVED, SUBMITTED, DRAFT, REJECTED/,
  },
  {
    title: 'Export step with a SQL fragment (label;DROP TABLE "Label")',
    advisoryClass: ADVISORY_CLASSES.sqlInjection,
    query: `step=${encodeURIComponent('label;DROP TABLE "Label"')}`,
    error: /step must be a workflow step id/,
  },
  {
    title: 'Export reviewer that is not an id (1 OR 1=1)',
    advisoryClass: ADVISORY_CLASSES.sqlInjection,
    query: `reviewer=${encodeURIComponent('1 OR 1=1')}`,
    error: /reviewer/,
  },
];

export interface JsonKeyCase extends BadInputCase {
  /** Raw JSON body of POST /api/v1/projects. */
  body: string;
}

export const prototypePollutionCases: JsonKeyCase[] = [
  {
    title: 'Project body with a `__proto__` key',
    advisoryClass: ADVISORY_CLASSES.prototypePollution,
    body: '{"name": "Proto A", "__proto__": {"polluted": "yes", "role": "OWNER"}}',
  },
  {
    title: 'Project body with constructor.prototype keys',
    advisoryClass: ADVISORY_CLASSES.prototypePollution,
    body: '{"name": "Proto B", "constructor": {"prototype": {"polluted": "yes"}}}',
  },
];
