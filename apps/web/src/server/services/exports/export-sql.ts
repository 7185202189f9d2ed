// The one SQL statement every export reads: labels joined with their data row, and as the format
// needs them their work item, source prediction and review decisions, already in export order.
// Filters are turned into SQL through the fixed table below; input only ever becomes a bind
// parameter, never a column name, table name or SQL text.
//
// The statement walks the (projectId, externalId) index and looks each label's parts up by index,
// so rows stream from the first one on; every part a format leaves out is one lookup fewer per
// row. Only raw columns are read: small tables (users, model versions) are resolved by id in
// export-query.ts from a cache, and timestamps are formatted there too, because the database's
// one backend is what limits an export's speed while the web process has time to spare.
import type { ExportFilters } from '@captionary/shared';

/** The parts of a label beyond its data row that an export reads (each costs a lookup per row). */
export interface ExportParts {
  /** The work item's workflow step. */
  step: boolean;
  /** The source prediction (pre-label) and its model version id. */
  prelabel: boolean;
  /** Approve and reject decisions: one result row per decision, at least one per label. */
  reviews: boolean;
}

export const ALL_EXPORT_PARTS: ExportParts = { step: true, prelabel: true, reviews: true };
const NO_PARTS: ExportParts = { step: false, prelabel: false, reviews: false };

/** Seconds since 1970 (float8): cheaper to produce than text, and exact to the millisecond. */
function epoch(column: string): string {
  return `date_part('epoch', ${column})`;
}

const LABEL_COLUMNS = `
  l.id AS "labelId",
  r.id AS "dataRowId",
  r."externalId",
  r."sourceUri",
  r."storageKey",
  r.width,
  r.height,
  l.caption,
  l.status,
  ${epoch('l."createdAt"')} AS "createdAt",
  ${epoch('l."updatedAt"')} AS "updatedAt",
  ${epoch('l."approvedAt"')} AS "approvedAt",
  l."createdById" AS "authorId"`;

const STEP_COLUMNS = `
  w."stepId"`;

const PRELABEL_COLUMNS = `
  p.id AS "predictionId",
  p.caption AS "prelabelCaption",
  p.score AS "prelabelScore",
  p."jobId" AS "prelabelJobId",
  p."modelVersionId"`;

const REVIEW_COLUMNS = `
  lr.action AS "reviewAction",
  lr."actorId" AS "reviewerId",
  lr."stepId" AS "reviewStepId",
  lr.comment AS "reviewComment",
  ${epoch('lr."createdAt"')} AS "reviewedAt"`;

const STEP_JOIN = `LEFT JOIN "WorkItem" w ON w."dataRowId" = r.id`;
const PRELABEL_JOIN = `LEFT JOIN "Prediction" p ON p.id = l."sourcePredictionId"`;
// A join rather than an aggregate per label: the decisions index (a partial index on decisions
// only, in (labelId, createdAt, id) order) finds them without touching the other revisions.
const REVIEW_JOIN = `LEFT JOIN "LabelRevision" lr
  ON lr."labelId" = l.id AND lr.action IN ('APPROVE', 'REJECT')`;

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

/** The joins that the parts read or the filters test. */
function joins(parts: ExportParts, filters: ExportFilters): string {
  return [
    'FROM "DataRow" r',
    'JOIN "Label" l ON l."dataRowId" = r.id',
    parts.step || filters.step !== undefined ? STEP_JOIN : '',
    parts.prelabel || filters.job !== undefined || filters.model !== undefined ? PRELABEL_JOIN : '',
    parts.reviews ? REVIEW_JOIN : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The rows of an export in external id order (unique per project, so the order is total). With
 * reviews, a label with several decisions comes as that many consecutive rows, oldest first.
 */
export function exportRowsStatement(
  projectId: string,
  filters: ExportFilters,
  parts: ExportParts = ALL_EXPORT_PARTS,
): ExportStatement {
  const where = whereClause(projectId, filters);
  const columns = [
    LABEL_COLUMNS,
    parts.step ? STEP_COLUMNS : '',
    parts.prelabel ? PRELABEL_COLUMNS : '',
    parts.reviews ? REVIEW_COLUMNS : '',
  ].filter(Boolean);
  const order = parts.reviews ? 'r."externalId", lr."createdAt", lr.id' : 'r."externalId"';
  return {
    text: `SELECT${columns.join(',')}
${joins(parts, filters)}
WHERE ${where.text}
ORDER BY ${order}`,
    values: where.values,
  };
}

/** How many labels the same export holds (for progress bars). */
export function exportCountStatement(projectId: string, filters: ExportFilters): ExportStatement {
  const where = whereClause(projectId, filters);
  return {
    text: `SELECT count(*)::int AS count
${joins(NO_PARTS, filters)}
WHERE ${where.text}`,
    values: where.values,
  };
}
