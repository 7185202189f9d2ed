// How much people changed the model's pre-labels: per model version (the caption as it stands
// now) and per labeler (their first submitted caption), in the edit classes of classifyEdit.
import { Prisma, type Db } from '@captionary/db';
import { LIGHT_EDIT_MAX_RATIO } from '@captionary/shared';
import { pairDistanceCtes } from './word-distance-sql';

/** Counts of one group's pre-labels by how much they were changed. */
export interface AcceptanceCounts {
  total: number;
  unchanged: number;
  light: number;
  rewritten: number;
  /** Mean word edit distance between pre-label and caption. */
  meanEditDistance: number;
}

interface AcceptanceRow {
  group_key: string;
  total: number;
  unchanged: number;
  light: number;
  rewritten: number;
  mean_distance: number | null;
}

/** Groups the pairs' distances into edit classes with the shared threshold. */
function acceptanceQuery(pairsCte: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH RECURSIVE pairs AS (${pairsCte}), ${pairDistanceCtes('pairs')}
    SELECT group_key,
           count(*)::int AS total,
           count(*) FILTER (WHERE distance = 0)::int AS unchanged,
           count(*) FILTER (WHERE distance > 0
             AND distance <= ${LIGHT_EDIT_MAX_RATIO}::float8 * greatest(1, before_words))::int AS light,
           count(*) FILTER (WHERE distance > ${LIGHT_EDIT_MAX_RATIO}::float8 * greatest(1, before_words))::int AS rewritten,
           avg(distance)::float8 AS mean_distance
    FROM pair_distances
    GROUP BY group_key`;
}

function toCounts(row: AcceptanceRow): AcceptanceCounts {
  return {
    total: row.total,
    unchanged: row.unchanged,
    light: row.light,
    rewritten: row.rewritten,
    meanEditDistance: row.mean_distance ?? 0,
  };
}

/**
 * Per model version: every pre-labelled caption a person has worked on (status past DRAFT),
 * its model's caption against the caption as it stands now.
 */
export async function acceptanceByModel(
  db: Db,
  projectId: string,
): Promise<Map<string, AcceptanceCounts>> {
  const rows = await db.$queryRaw<AcceptanceRow[]>(
    acceptanceQuery(Prisma.sql`
      SELECT l.id, p."modelVersionId"::text AS group_key,
             p.caption AS before_text, l.caption AS after_text
      FROM "Label" l JOIN "Prediction" p ON p.id = l."sourcePredictionId"
      WHERE l."projectId" = ${projectId}::uuid AND l.status <> 'DRAFT'`),
  );
  return new Map(rows.map((row) => [row.group_key, toCounts(row)]));
}

/**
 * Per labeler: the first caption each label was submitted with, against its pre-label — how much
 * that person changed what the model wrote (later rework is not counted against them twice).
 */
export async function acceptanceByLabeler(
  db: Db,
  projectId: string,
): Promise<Map<string, AcceptanceCounts>> {
  const rows = await db.$queryRaw<AcceptanceRow[]>(
    acceptanceQuery(Prisma.sql`
      SELECT DISTINCT ON (r."labelId") r."labelId" AS id, r."actorId"::text AS group_key,
             p.caption AS before_text, r.after AS after_text
      FROM "LabelRevision" r
      JOIN "Label" l ON l.id = r."labelId"
      JOIN "Prediction" p ON p.id = l."sourcePredictionId"
      WHERE l."projectId" = ${projectId}::uuid AND r.action = 'SUBMIT'
        AND r."actorId" IS NOT NULL AND r.after IS NOT NULL
      ORDER BY r."labelId", r."createdAt", r.id`),
  );
  return new Map(rows.map((row) => [row.group_key, toCounts(row)]));
}
