// The one SQL statement every export reads: labels joined with their data row, work item, source
// prediction and model version, and their review decisions, already in export order.
// Filters are turned into SQL through the fixed table below; input only ever becomes a bind
// parameter, never a column name, table name or SQL text.
import type { ExportFilters } from '@captionary/shared';

/** UTC ISO 8601 text of a timestamp(3) column (Prisma stores UTC without a zone). */
function isoText(column: string): string {
  return `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

// People (authors, reviewers) are resolved by id in export-query.ts from a small cache rather than
// joined here: a handful of users act on millions of labels.
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
  ${isoText('l."createdAt"')} AS "createdAt",
  ${isoText('l."updatedAt"')} AS "updatedAt",
  ${isoText('l."approvedAt"')} AS "approvedAt",
  l."createdById" AS "authorId",
  p.id AS "predictionId",
  p.caption AS "prelabelCaption",
  p.score AS "prelabelScore",
  p."jobId" AS "prelabelJobId",
  mv.id AS "modelVersionId",
  mv.name AS "modelName",
  mv.checksum AS "modelChecksum",
  decisions.reviews
FROM "DataRow" r
JOIN "Label" l ON l."dataRowId" = r.id
LEFT JOIN "WorkItem" w ON w."dataRowId" = r.id
LEFT JOIN "Prediction" p ON p.id = l."sourcePredictionId"
LEFT JOIN "ModelVersion" mv ON mv.id = p."modelVersionId"
LEFT JOIN LATERAL (
  -- Compact [action, actorId, stepId, comment, at] arrays: building objects per decision costs
  -- more than the index lookup that finds them.
  SELECT json_agg(
    json_build_array(lr.action, lr."actorId", lr."stepId", lr.comment, ${isoText('lr."createdAt"')})
    ORDER BY lr."createdAt", lr.id
  ) AS reviews
  FROM "LabelRevision" lr
  WHERE lr."labelId" = l.id AND lr.action IN ('APPROVE', 'REJECT')
) decisions ON true`;

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

/** The rows of an export in external id order (unique per project, so the order is total). */
export function exportRowsStatement(projectId: string, filters: ExportFilters): ExportStatement {
  const where = whereClause(projectId, filters);
  return {
    text: `${SELECT_ROWS}\nWHERE ${where.text}\nORDER BY r."externalId"`,
    values: where.values,
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
