import { z } from 'zod';
import { ObjectId } from './common';

/** Label review states, plus NONE for rows that have no caption yet. */
export const RowLabelStatusFilter = z.enum(['NONE', 'DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED']);
export type RowLabelStatusFilter = z.infer<typeof RowLabelStatusFilter>;

const ROW_FILTER_FIELDS = ['hasPrelabel', 'stepId', 'labelStatus', 'jobId', 'text'] as const;

/**
 * The dataset browser's filters; every field left out matches all rows. Unknown fields are
 * refused rather than dropped: a filter on a field the browser does not offer must not quietly
 * match every row.
 */
export const RowFilter = z.strictObject(
  {
    /** true: rows with at least one model prediction; false: rows without any. */
    hasPrelabel: z.boolean().optional(),
    /** Id of a step in the project's workflow config. */
    stepId: z.string().trim().min(1).max(100).optional(),
    labelStatus: RowLabelStatusFilter.optional(),
    /** Rows that a caption job covered. */
    jobId: ObjectId.optional(),
    /** Words that the row's current caption contains (case-insensitive). */
    text: z.string().trim().min(1).max(200).optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown filter ${issue.keys.map((key) => `"${key}"`).join(', ')}; ` +
          `valid filters are ${ROW_FILTER_FIELDS.join(', ')}`
        : undefined,
  },
);
export type RowFilter = z.infer<typeof RowFilter>;

export const MAX_BROWSE_PAGE_SIZE = 200;

/** One page of the dataset browser, after an opaque cursor from the previous page. */
export const BrowseRowsRequest = z.object({
  projectId: ObjectId,
  filter: RowFilter.default({}),
  cursor: z.string().max(2000).nullish(),
  limit: z.number().int().min(1).max(MAX_BROWSE_PAGE_SIZE).default(48),
});
export type BrowseRowsRequest = z.input<typeof BrowseRowsRequest>;

/** How many rows a filter matches. */
export const CountRowsRequest = z.object({ projectId: ObjectId, filter: RowFilter.default({}) });
export type CountRowsRequest = z.input<typeof CountRowsRequest>;

export const DataRowRef = z.object({ rowId: ObjectId });
export type DataRowRef = z.infer<typeof DataRowRef>;
