// Writes a caption job and its batch plan in one transaction: the job, its batches, and one
// CaptionJobRow per selected data row. Postgres stays the source of truth; Redis only receives the
// batch ids afterwards (enqueueCaptionBatches).
import { GenerationParams } from '@captionary/shared';
import type { Db } from '../client';

export interface PlanCaptionJobInput {
  projectId: string;
  /** Rows to caption; omitted means every row of the project that is still in its source. */
  rowIds?: string[];
  modelName: string;
  params: GenerationParams;
  /** Caption again rows that already have a prediction from this model with these params. */
  force?: boolean;
  createdById?: string | null;
  batchSize?: number;
}

export interface PlannedCaptionJob {
  jobId: string;
  batchIds: string[];
  totalRows: number;
  skippedRows: number;
}

export const DEFAULT_CAPTION_BATCH_SIZE = 16;

export async function planCaptionJob(
  db: Db,
  input: PlanCaptionJobInput,
): Promise<PlannedCaptionJob> {
  const params = GenerationParams.parse(input.params);
  const batchSize = input.batchSize ?? DEFAULT_CAPTION_BATCH_SIZE;
  const rowIds = input.rowIds ?? null;
  return db.$transaction(
    async (tx) => {
      const job = await tx.captionJob.create({
        data: {
          projectId: input.projectId,
          modelName: input.modelName,
          params,
          force: input.force ?? false,
          createdById: input.createdById ?? null,
        },
      });
      // Number the rows that need captioning, then cut them into batches of batchSize.
      await tx.$executeRaw`
        CREATE TEMP TABLE planned ON COMMIT DROP AS
        SELECT r.id, (row_number() OVER (ORDER BY r.id) - 1) / ${batchSize}::int AS seq
        FROM "DataRow" r
        WHERE r."projectId" = ${input.projectId}::uuid
          AND r."removedAt" IS NULL
          AND (${rowIds}::uuid[] IS NULL OR r.id = ANY(${rowIds}::uuid[]))
          AND (${input.force ?? false} OR NOT EXISTS (
            SELECT 1 FROM "Prediction" p JOIN "CaptionJob" j ON j.id = p."jobId"
            WHERE p."dataRowId" = r.id AND j."modelName" = ${input.modelName}
              AND j.params = ${JSON.stringify(params)}::jsonb))`;
      const [{ selected }] = await tx.$queryRaw<[{ selected: number }]>`
        SELECT count(*)::int AS selected FROM "DataRow" r
        WHERE r."projectId" = ${input.projectId}::uuid AND r."removedAt" IS NULL
          AND (${rowIds}::uuid[] IS NULL OR r.id = ANY(${rowIds}::uuid[]))`;
      const batches = await tx.$queryRaw<{ id: string; seq: number }[]>`
        INSERT INTO "CaptionJobBatch" ("jobId", seq, "updatedAt")
        SELECT ${job.id}::uuid, seq, now() FROM (SELECT DISTINCT seq FROM planned) s
        ORDER BY seq
        RETURNING id, seq`;
      const planned = await tx.$executeRaw`
        INSERT INTO "CaptionJobRow" ("jobId", "dataRowId", "batchId")
        SELECT ${job.id}::uuid, p.id, b.id FROM planned p
        JOIN "CaptionJobBatch" b ON b."jobId" = ${job.id}::uuid AND b.seq = p.seq`;
      const skippedRows = selected - planned;
      const empty = planned === 0;
      await tx.captionJob.update({
        where: { id: job.id },
        data: {
          totalRows: planned,
          skippedRows,
          ...(empty ? { status: 'COMPLETED', finishedAt: new Date() } : {}),
        },
      });
      return {
        jobId: job.id,
        batchIds: batches.sort((a, b) => a.seq - b.seq).map((b) => b.id),
        totalRows: planned,
        skippedRows,
      };
    },
    { timeout: 120_000 },
  );
}
