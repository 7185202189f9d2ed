// The dataset browser's filters as SQL conditions on `"DataRow" r`. One builder serves the grid,
// its counts and caption-job selections, so "the current filter" always means the same rows.
import { Prisma } from '@captionary/db';
import type { RowFilter } from '@captionary/shared';

/** Escapes LIKE wildcards so that searched text matches literally. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Conditions (joined with AND) that a row of `projectId` must meet to match `filter`. Every
 * condition is a correlated lookup on an indexed key of the row, so the planner can walk the
 * (projectId, externalId) index in order and stop after one page.
 */
export function rowFilterConditions(projectId: string, filter: RowFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [
    Prisma.sql`r."projectId" = ${projectId}::uuid`,
    Prisma.sql`r."removedAt" IS NULL`,
  ];
  if (filter.hasPrelabel !== undefined) {
    const exists = Prisma.sql`EXISTS (SELECT 1 FROM "Prediction" p WHERE p."dataRowId" = r.id)`;
    conditions.push(filter.hasPrelabel ? exists : Prisma.sql`NOT ${exists}`);
  }
  if (filter.stepId !== undefined) {
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "WorkItem" w WHERE w."dataRowId" = r.id AND w."stepId" = ${filter.stepId})`);
  }
  if (filter.labelStatus === 'NONE') {
    conditions.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "Label" l WHERE l."dataRowId" = r.id)`);
  } else if (filter.labelStatus !== undefined) {
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "Label" l WHERE l."dataRowId" = r.id
        AND l.status = ${filter.labelStatus}::"LabelStatus")`);
  }
  if (filter.jobId !== undefined) {
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "CaptionJobRow" jr WHERE jr."jobId" = ${filter.jobId}::uuid
        AND jr."dataRowId" = r.id)`);
  }
  if (filter.text !== undefined) {
    // IN (…) rather than EXISTS: lets the planner start from the trigram index on captions
    // when the words are rare, instead of testing every row of the project in order.
    conditions.push(Prisma.sql`r.id IN (
      SELECT l."dataRowId" FROM "Label" l WHERE l."projectId" = ${projectId}::uuid
        AND l.caption ILIKE ${likeContains(filter.text)})`);
  }
  return Prisma.join(conditions, ' AND ');
}
