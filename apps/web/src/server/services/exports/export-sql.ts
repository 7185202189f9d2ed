// The one SQL statement every export reads: labels (with their review decisions) joined with their
// data row, work item and source prediction, already in export order.
// Filters are turned into SQL through the fixed table below; input only ever becomes a bind
// parameter, never a column name, table name or SQL text.
import type { ExportFilters } from '@captionary/shared';

// People (authors, reviewers) and model versions are resolved by id in export-query.ts from small
// caches rather than joined here: a handful of them appear on millions of labels.
// Timestamps come as the column's plain text (UTC, as Prisma stores them, without a zone) and
// become ISO 8601 in export-query.ts: a third of the cost of to_char on the database side.
const SELECT_ROWS = `
SELECT
  l.id AS "labelId",
  l."dataRowId",
  r."externalId",
  r."sourceUri",
  r."storageKey",
  r.width,
  r.height,
  l.caption,
  l.status::text AS status,
  w."stepId",
  l."createdAt"::text AS "createdAt",
  l."updatedAt"::text AS "updatedAt",
  l."approvedAt"::text AS "approvedAt",
  l."createdById" AS "authorId",
  p.id AS "predictionId",
  p.caption AS "prelabelCaption",
  p.score AS "prelabelScore",
  p."jobId" AS "prelabelJobId",
  p."modelVersionId",
  -- Approve and reject decisions as [action, actorId, stepId, comment, at] arrays, oldest first,
  -- kept on the label by a trigger: no revision lookups per row.
  l.decisions AS reviews
FROM "DataRow" r
JOIN "Label" l ON l."dataRowId" = r.id
LEFT JOIN "WorkItem" w ON w."dataRowId" = r.id
LEFT JOIN "Prediction" p ON p.id = l."sourcePredictionId"`;

/** Each filter field's SQL, with `$n` standing for its bind parameter. */
const FILTER_SQL: { [Field in keyof Required<ExportFilters>]: string } = {
  status: `l.status = ANY($n::"LabelStatus"[])`,
  step: `w."stepId" = $n`,
  since: `l."updatedAt" >= ($n::timestamptz AT TIME ZONE 'UTC')`,
  until: `l."updatedAt" < ($n::timestamptz AT TIME ZONE 'UTC')`,
  reviewer: `EXISTS (SELECT 1 FROM "LabelRevision" byReviewer
      WHERE byReviewer."labelId" = l.id AND byReviewer.action = 'APPROVE'
        AND byReviewer."actorId" = $n::uuid)`,
  job: `p."jobId" = $n::uuid`,
  model: `p."modelVersionId" = $n::uuid`,
};

export interface ExportStatement {
  text: string;
  values: unknown[];
}

/** The WHERE clause and its parameters for a project and filters. */
function whereClause(projectId: string, filters: ExportFilters): ExportStatement {
  const values: unknown[] = [projectId];
  const conditions = [
    // Stated on both tables: the row's lets the planner walk the (projectId, externalId) index in
    // export order and stream from the first row instead of sorting the whole project first.
    'r."projectId" = $1::uuid',
    'l."projectId" = $1::uuid',
    // Rows whose image vanished from the source are no longer part of the dataset.
    'r."removedAt" IS NULL',
  ];
  for (const field of Object.keys(FILTER_SQL) as (keyof ExportFilters)[]) {
    const value = filters[field];
    if (value === undefined) continue;
    values.push(value);
    conditions.push(FILTER_SQL[field].replace('$n', `$${values.length}`));
  }
  return { text: conditions.join('\n  AND '), values };
}

/** A run of external ids: from `from` (included) up to `to` (excluded; open-ended without). */
export interface ExternalIdRange {
  from: string;
  to?: string;
}

/**
 * The rows of an export in external id order (unique per project, so the order is total), all of
 * them or those of one range of external ids.
 */
export function exportRowsStatement(
  projectId: string,
  filters: ExportFilters,
  range?: ExternalIdRange,
): ExportStatement {
  const where = whereClause(projectId, filters);
  const conditions = [where.text];
  const values = [...where.values];
  if (range) {
    values.push(range.from);
    conditions.push(`r."externalId" >= $${values.length}`);
    if (range.to !== undefined) {
      values.push(range.to);
      conditions.push(`r."externalId" < $${values.length}`);
    }
  }
  return {
    text: `${SELECT_ROWS}\nWHERE ${conditions.join('\n  AND ')}\nORDER BY r."externalId"`,
    values,
  };
}

/**
 * The first external id of every `stripeRows` rows of the project, in order: the starts of the
 * ranges an export reads one query at a time, in one walk of the (projectId, externalId) index.
 */
export function exportStripeStartsStatement(
  projectId: string,
  stripeRows: number,
): ExportStatement {
  return {
    text: `SELECT "externalId" FROM (
  SELECT r."externalId", row_number() OVER (ORDER BY r."externalId") AS n
  FROM "DataRow" r
  WHERE r."projectId" = $1::uuid AND r."removedAt" IS NULL
) numbered
WHERE (n - 1) % $2 = 0
ORDER BY "externalId"`,
    values: [projectId, stripeRows],
  };
}

/** How many rows the same export holds (for progress bars). */
export function exportCountStatement(projectId: string, filters: ExportFilters): ExportStatement {
  const where = whereClause(projectId, filters);
  return {
    text: `SELECT count(*)::int AS count
FROM "DataRow" r
JOIN "Label" l ON l."dataRowId" = r.id
LEFT JOIN "WorkItem" w ON w."dataRowId" = r.id
LEFT JOIN "Prediction" p ON p.id = l."sourcePredictionId"
WHERE ${where.text}`,
    values: where.values,
  };
}
