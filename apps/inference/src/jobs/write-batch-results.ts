// The single write of a finished batch. Everything is set-based SQL over arrays so a batch costs
// a handful of statements whatever its size.
import type { DbTransaction } from '@captionary/db';
import type { GenerationParams } from '@captionary/shared';
import { isCaptionFailure, type CaptionItemResult } from '../runtime/caption-result';

export interface RowResult {
  dataRowId: string;
  outcome: CaptionItemResult;
}

export interface BatchResults {
  jobId: string;
  batchId: string;
  modelVersionId: string;
  params: GenerationParams;
  results: RowResult[];
}

export async function writeBatchResults(
  tx: DbTransaction,
  { jobId, batchId, modelVersionId, params, results }: BatchResults,
) {
  const captioned = results.flatMap(({ dataRowId, outcome }) =>
    isCaptionFailure(outcome) ? [] : [{ dataRowId, ...outcome }],
  );
  const failed = results.flatMap(({ dataRowId, outcome }) =>
    isCaptionFailure(outcome) ? [{ dataRowId, error: `${outcome.reason}: ${outcome.error}` }] : [],
  );

  if (captioned.length) {
    await tx.$executeRaw`
      INSERT INTO "Prediction" ("jobId", "dataRowId", "modelVersionId", caption, score, "latencyMs", params)
      SELECT ${jobId}::uuid, t.row_id, ${modelVersionId}::uuid, t.caption, t.score, t.ms, ${JSON.stringify(params)}::jsonb
      FROM unnest(${captioned.map((c) => c.dataRowId)}::uuid[], ${captioned.map((c) => c.caption)}::text[],
                  ${captioned.map((c) => c.score)}::float8[], ${captioned.map((c) => Math.round(c.ms))}::int[])
        AS t(row_id, caption, score, ms)
      ON CONFLICT ("jobId", "dataRowId") DO NOTHING`;
  }

  // Only rows still PENDING move, so a batch replayed after a crash counts nothing twice.
  const done = captioned.length
    ? await tx.$executeRaw`
        UPDATE "CaptionJobRow" SET status = 'DONE', attempts = attempts + 1, "updatedAt" = now()
        WHERE "jobId" = ${jobId}::uuid AND status = 'PENDING'
          AND "dataRowId" = ANY(${captioned.map((c) => c.dataRowId)}::uuid[])`
    : 0;
  const failedCount = failed.length
    ? await tx.$executeRaw`
        UPDATE "CaptionJobRow" r SET status = 'FAILED', error = t.error, attempts = r.attempts + 1, "updatedAt" = now()
        FROM unnest(${failed.map((f) => f.dataRowId)}::uuid[], ${failed.map((f) => f.error.slice(0, 500))}::text[]) AS t(row_id, error)
        WHERE r."jobId" = ${jobId}::uuid AND r."dataRowId" = t.row_id AND r.status = 'PENDING'`
    : 0;

  await tx.$executeRaw`
    UPDATE "CaptionJob" SET "doneRows" = "doneRows" + ${done}, "failedRows" = "failedRows" + ${failedCount}
    WHERE id = ${jobId}::uuid`;
  await tx.captionJobBatch.update({ where: { id: batchId }, data: { status: 'DONE' } });

  if (captioned.length)
    await enterPrelabels(
      tx,
      jobId,
      captioned.map((c) => c.dataRowId),
    );
}

/**
 * Each new prediction becomes the draft caption of its row in the workflow's first step. A caption
 * a person already touched (createdById set, or past DRAFT) is never replaced by a model.
 */
async function enterPrelabels(tx: DbTransaction, jobId: string, dataRowIds: string[]) {
  const touched = await tx.$queryRaw<{ labelId: string; before: string | null; after: string }[]>`
    WITH preds AS (
      SELECT p.id, p."dataRowId", p.caption, d."projectId"
      FROM "Prediction" p JOIN "DataRow" d ON d.id = p."dataRowId"
      WHERE p."jobId" = ${jobId}::uuid AND p."dataRowId" = ANY(${dataRowIds}::uuid[])
    ), previous AS (
      SELECT l."dataRowId", l.caption FROM "Label" l WHERE l."dataRowId" = ANY(${dataRowIds}::uuid[])
    )
    INSERT INTO "Label" ("projectId", "dataRowId", caption, "sourcePredictionId", "updatedAt")
    SELECT preds."projectId", preds."dataRowId", preds.caption, preds.id, now() FROM preds
    ON CONFLICT ("dataRowId") DO UPDATE
      SET caption = EXCLUDED.caption, "sourcePredictionId" = EXCLUDED."sourcePredictionId",
          version = "Label".version + 1, "updatedAt" = now()
      WHERE "Label"."createdById" IS NULL AND "Label".status = 'DRAFT'
        AND "Label"."sourcePredictionId" IS DISTINCT FROM EXCLUDED."sourcePredictionId"
    RETURNING id AS "labelId", (SELECT caption FROM previous WHERE previous."dataRowId" = "Label"."dataRowId") AS before, caption AS after`;
  if (touched.length) {
    await tx.$executeRaw`
      INSERT INTO "LabelRevision" ("labelId", action, "stepId", before, after)
      SELECT t.label_id, 'PRELABEL', NULL, t.before, t.after
      FROM unnest(${touched.map((t) => t.labelId)}::uuid[], ${touched.map((t) => t.before)}::text[],
                  ${touched.map((t) => t.after)}::text[]) AS t(label_id, before, after)`;
  }
  // A row without a work item enters the workflow at its first step.
  await tx.$executeRaw`
    INSERT INTO "WorkItem" ("projectId", "dataRowId", "stepId", "updatedAt")
    SELECT d."projectId", d.id, p."workflowConfig"->'steps'->0->>'id', now()
    FROM "DataRow" d JOIN "Project" p ON p.id = d."projectId"
    WHERE d.id = ANY(${dataRowIds}::uuid[])
    ON CONFLICT ("dataRowId") DO NOTHING`;
}
