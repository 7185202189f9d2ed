// After the review and load benchmarks: what the database says about double claims and history.
import type { Db } from '@captionary/db';

/**
 * doubleClaims: items submitted or approved more than once in the same step (two people held
 * the same item; the benchmarks reject nothing, so no item passes a step twice).
 * inconsistentRevisions: items that left the label step whose revisions after the pre-label do
 * not number their version minus one.
 */
export async function checkReviewConsistency(db: Db, projectId: string) {
  const [row] = await db.$queryRaw<{ doubleClaims: number; inconsistentRevisions: number }[]>`
    WITH touched AS (
      SELECT w.version, l.id AS "labelId" FROM "WorkItem" w
      JOIN "Label" l ON l."dataRowId" = w."dataRowId"
      WHERE w."projectId" = ${projectId}::uuid AND w."stepId" <> 'label'
    ), counts AS (
      SELECT t.version, count(r.id) FILTER (WHERE r.action <> 'PRELABEL') AS revisions
      FROM touched t JOIN "LabelRevision" r ON r."labelId" = t."labelId"
      GROUP BY t.version, t."labelId"
    ), repeated AS (
      SELECT DISTINCT r."labelId"
      FROM touched t JOIN "LabelRevision" r ON r."labelId" = t."labelId"
      WHERE r.action IN ('SUBMIT', 'APPROVE')
      GROUP BY r."labelId", r."stepId" HAVING count(*) > 1
    )
    SELECT (SELECT count(*) FROM repeated)::int AS "doubleClaims",
           (SELECT count(*) FROM counts WHERE revisions <> version - 1)::int AS "inconsistentRevisions"`;
  return row ?? { doubleClaims: 0, inconsistentRevisions: 0 };
}
