// Which labels an export contains. The same filters arrive as REST query parameters, as tRPC
// input from the exports page, and are stored on the Export row; the server maps each field to
// SQL through a fixed allow-list, so no input ever names a column or a table.
import { z } from 'zod';
import { ObjectId } from '../api/common';
import { ExportFormatName } from './formats';

/** Label states an export can select; approved only unless asked otherwise. */
export const EXPORT_LABEL_STATUSES = ['APPROVED', 'SUBMITTED', 'DRAFT', 'REJECTED'] as const;
export const ExportLabelStatus = z.enum(EXPORT_LABEL_STATUSES, {
  error: `status must be among ${EXPORT_LABEL_STATUSES.join(', ')}`,
});
export type ExportLabelStatus = z.infer<typeof ExportLabelStatus>;

/** A date (`2025-01-31`, midnight UTC) or an ISO 8601 date-time with an offset. */
const ExportInstant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: 'dates must be ISO 8601: 2025-01-31 or 2025-01-31T12:00:00Z',
  })
  .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value).toISOString());

/** Filters of one export; a field left out matches every label. */
export const ExportFilters = z
  .object({
    /** Label states to include. */
    status: z.array(ExportLabelStatus).min(1).max(4).default(['APPROVED']),
    /** The workflow step the row's work item is in. */
    step: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,39}$/, 'step must be a workflow step id')
      .optional(),
    /** Labels last changed at or after this instant. */
    since: ExportInstant.optional(),
    /** Labels last changed before this instant. */
    until: ExportInstant.optional(),
    /** Labels that this member approved. */
    reviewer: ObjectId.optional(),
    /** Labels that started from a pre-label of this caption job. */
    job: ObjectId.optional(),
    /** Labels that started from a pre-label of this model version. */
    model: ObjectId.optional(),
  })
  .strict()
  .refine((f) => !f.since || !f.until || f.since < f.until, {
    message: 'since must be before until',
    path: ['until'],
  });
export type ExportFilters = z.output<typeof ExportFilters>;
export type ExportFiltersInput = z.input<typeof ExportFilters>;

/** Every filter field, in the order the API documents them. */
export const EXPORT_FILTER_FIELDS = [
  'status',
  'step',
  'since',
  'until',
  'reviewer',
  'job',
  'model',
] as const satisfies readonly (keyof ExportFilters)[];

/** Query parameters the REST export accepts: the format and the filters. */
export const EXPORT_QUERY_PARAMETERS = ['format', ...EXPORT_FILTER_FIELDS] as const;

/** The REST query (`?format=jsonl&status=APPROVED,SUBMITTED&since=2025-01-01`), validated. */
export const ExportQuery = z.object({
  format: ExportFormatName,
  filters: ExportFilters,
});
export type ExportQuery = z.output<typeof ExportQuery>;

/** Why a query string was refused, as one sentence that lists what is valid. */
export class ExportQueryError extends Error {}

/**
 * Reads the REST query string: unknown parameters and repeated ones are refused with the list of
 * valid names; `status` takes a comma-separated list.
 */
export function parseExportQuery(params: URLSearchParams): ExportQuery {
  const raw: Record<string, string> = {};
  for (const [name, value] of params) {
    if (!(EXPORT_QUERY_PARAMETERS as readonly string[]).includes(name)) {
      throw new ExportQueryError(
        `Unknown parameter "${name}"; valid parameters are ${EXPORT_QUERY_PARAMETERS.join(', ')}`,
      );
    }
    if (name in raw) throw new ExportQueryError(`Parameter "${name}" is given twice`);
    raw[name] = value;
  }
  if (raw.format === undefined) {
    throw new ExportQueryError(`format is required: one of ${ExportFormatName.options.join(', ')}`);
  }
  const { format, status, ...rest } = raw;
  const parsed = ExportQuery.safeParse({
    format,
    filters: {
      ...rest,
      ...(status !== undefined ? { status: status.split(',').map((s) => s.trim()) } : {}),
    },
  });
  if (!parsed.success) {
    throw new ExportQueryError(
      parsed.error.issues
        .map((issue) => {
          const field = issue.path.filter((part) => part !== 'filters').join('.');
          return field ? `${field}: ${issue.message}` : issue.message;
        })
        .join('; '),
    );
  }
  return parsed.data;
}
