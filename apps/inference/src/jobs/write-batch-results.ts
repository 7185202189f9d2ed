// The single write of a finished batch. Everything is set-based SQL over arrays so a batch costs
// a handful of statements whatever its size.
import type { DbTransaction } from '@captionary/db';
import type { GenerationParams } from '@captionary/shared';
import type { ResizeMode } from '../preprocess/decode-image';
import {
  describeFailure,
  isCaptionFailure,
  type CaptionItemResult,
} from '../runtime/caption-result';

export interface RowResult {
  dataRowId: string;
  outcome: CaptionItemResult;
}

export interface BatchResults {
  jobId: string;
  batchId: string;
  modelVersionId: string;
  /** Stored with every prediction: the generation parameters, plus the resize mode if any. */
  params: GenerationParams & { resize?: ResizeMode };
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
    isCaptionFailure(outcome) ? [{ dataRowId, error: describeFailure(outcome) }] : [],
  );

  // One statement for the batch's own outcome. Its parts touch different rows (a row is either
  // captioned or failed) and read nothing another part writes, so running them as data-modifying
  // CTEs of one statement is the same as running them one after another — in one round trip
  // instead of five, which also shortens how long this transaction holds the job's row lock.
  // Only rows still PENDING move, so a batch replayed after a crash counts nothing twice.
  const [settled] = await tx.$queryRaw<{ batches: number }[]>`
    WITH predictions AS (
      INSERT INTO "Prediction" ("jobId", "dataRowId", "modelVersionId", caption, score, "latencyMs", params)
      SELECT ${jobId}::uuid, t.row_id, ${modelVersionId}::uuid, t.caption, t.score, t.ms, ${JSON.stringify(params)}::jsonb
      FROM unnest(${captioned.map((c) => c.dataRowId)}::uuid[], ${captioned.map((c) => c.caption)}::text[],
                  ${captioned.map((c) => c.score)}::float8[], ${captioned.map((c) => Math.round(c.ms))}::int[])
        AS t(row_id, caption, score, ms)
      ON CONFLICT ("jobId", "dataRowId") DO NOTHING
      RETURNING 1
    ), done AS (
      UPDATE "CaptionJobRow" SET status = 'DONE', attempts = attempts + 1, "updatedAt" = now()
      WHERE "jobId" = ${jobId}::uuid AND status = 'PENDING'
        AND "dataRowId" = ANY(${captioned.map((c) => c.dataRowId)}::uuid[])
      RETURNING 1
    ), failed AS (
      UPDATE "CaptionJobRow" r SET status = 'FAILED', error = t.error, attempts = r.attempts + 1, "updatedAt" = now()
      FROM unnest(${failed.map((f) => f.dataRowId)}::uuid[], ${failed.map((f) => f.error.slice(0, 500))}::text[]) AS t(row_id, error)
      WHERE r."jobId" = ${jobId}::uuid AND r."dataRowId" = t.row_id AND r.status = 'PENDING'
      RETURNING 1
    ), batch AS (
      UPDATE "CaptionJobBatch" SET status = 'DONE', "updatedAt" = now() WHERE id = ${batchId}::uuid
      RETURNING 1
    )
    UPDATE "CaptionJob" SET "doneRows" = "doneRows" + (SELECT count(*) FROM done)::int,
                            "failedRows" = "failedRows" + (SELECT count(*) FROM failed)::int
    WHERE id = ${jobId}::uuid
    RETURNING (SELECT count(*) FROM batch)::int AS batches, (SELECT count(*) FROM predictions)::int AS predictions`;
  if (!settled || settled.batches !== 1)
    throw new Error(`caption batch ${batchId} of job ${jobId} not found`);

  if (captioned.length)
    await enterPrelabels(
      tx,
      jobId,
      captioned.map((c) => c.dataRowId),
    );
}

/**
 * Each new prediction becomes the draft caption of its row in the workflow's first step. A caption
 * a person already touched (createdById set, or past DRAFT) is never replaced by a model. One
 * statement: the label upsert, its revisions (from the upsert's RETURNING, with the caption from
 * before the statement) and the rows' first work items. It runs after the predictions' insert, so
 * it sees them, and a replayed batch re-reads the predictions its first attempt wrote.
 */
async function enterPrelabels(tx: DbTransaction, jobId: string, dataRowIds: string[]) {
  await tx.$executeRaw`
    WITH preds AS (
      SELECT p.id, p."dataRowId", p.caption, d."projectId"
      FROM "Prediction" p JOIN "DataRow" d ON d.id = p."dataRowId"
      WHERE p."jobId" = ${jobId}::uuid AND p."dataRowId" = ANY(${dataRowIds}::uuid[])
    ), previous AS (
      SELECT l."dataRowId", l.caption FROM "Label" l WHERE l."dataRowId" = ANY(${dataRowIds}::uuid[])
    ), touched AS (
      INSERT INTO "Label" ("projectId", "dataRowId", caption, "sourcePredictionId", "updatedAt")
      SELECT preds."projectId", preds."dataRowId", preds.caption, preds.id, now() FROM preds
      ON CONFLICT ("dataRowId") DO UPDATE
        SET caption = EXCLUDED.caption, "sourcePredictionId" = EXCLUDED."sourcePredictionId",
            version = "Label".version + 1, "updatedAt" = now()
        WHERE "Label"."createdById" IS NULL AND "Label".status = 'DRAFT'
          AND "Label"."sourcePredictionId" IS DISTINCT FROM EXCLUDED."sourcePredictionId"
      RETURNING id, "dataRowId", caption
    ), revisions AS (
      INSERT INTO "LabelRevision" ("labelId", action, "stepId", before, after)
      SELECT touched.id, 'PRELABEL', NULL,
             (SELECT caption FROM previous WHERE previous."dataRowId" = touched."dataRowId"), touched.caption
      FROM touched
      RETURNING 1
    )
    -- A row without a work item enters the workflow at its first step.
    INSERT INTO "WorkItem" ("projectId", "dataRowId", "stepId", "updatedAt")
    SELECT d."projectId", d.id, p."workflowConfig"->'steps'->0->>'id', now()
    FROM "DataRow" d JOIN "Project" p ON p.id = d."projectId"
    WHERE d.id = ANY(${dataRowIds}::uuid[])
    ON CONFLICT ("dataRowId") DO NOTHING`;
}
