// After the review benchmark: what the database says about double claims and history.
import type { Db } from '@captionary/db';

/**
 * doubleClaims: items submitted from the label step more than once (two people held the same
 * item). inconsistentRevisions: items that left the label step whose revisions after the
 * pre-label do not number their version minus one.
 */
export async function checkReviewConsistency(db: Db, projectId: string) {
  const [row] = await db.$queryRaw<{ doubleClaims: number; inconsistentRevisions: number }[]>`
    WITH touched AS (
      SELECT w.version, l.id AS "labelId" FROM "WorkItem" w
      JOIN "Label" l ON l."dataRowId" = w."dataRowId"
      WHERE w."projectId" = ${projectId}::uuid AND w."stepId" <> 'label'
    ), counts AS (
      SELECT t.version, t."labelId",
             count(r.id) FILTER (WHERE r.action <> 'PRELABEL') AS revisions,
             count(r.id) FILTER (WHERE r.action = 'SUBMIT' AND r."stepId" = 'label') AS label_submits
      FROM touched t JOIN "LabelRevision" r ON r."labelId" = t."labelId"
      GROUP BY t.version, t."labelId"
    )
    SELECT count(*) FILTER (WHERE label_submits > 1)::int AS "doubleClaims",
           count(*) FILTER (WHERE revisions <> version - 1)::int AS "inconsistentRevisions"
    FROM counts`;
  return row ?? { doubleClaims: 0, inconsistentRevisions: 0 };
}
