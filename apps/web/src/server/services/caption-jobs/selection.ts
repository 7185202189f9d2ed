// A launch's row selection as SQL, and the dry run that counts what a launch would plan. The
// count repeats planCaptionJob's selection (same project, not removed, same "already captioned by
// this model with these params" test), so "N images will run" is what the job then plans.
import { Prisma, type Db } from '@captionary/db';
import { GenerationParams, type CaptionJobSelection } from '@captionary/shared';
import { rowFilterConditions } from '../data-rows/row-filter-sql';

/** Conditions on `"DataRow" r` for the rows a selection names. */
export function selectionConditions(projectId: string, selection: CaptionJobSelection): Prisma.Sql {
  switch (selection.kind) {
    case 'all':
      return rowFilterConditions(projectId, {});
    case 'filter':
      return rowFilterConditions(projectId, selection.filter);
    case 'rows':
      return Prisma.sql`${rowFilterConditions(projectId, {})}
        AND r.id = ANY(${selection.rowIds}::uuid[])`;
  }
}

export interface CaptionJobDryRun {
  /** Rows the selection names. */
  selected: number;
  /** Rows the job would caption. */
  willRun: number;
  /** Rows skipped because this model already captioned them with these params. */
  skipped: number;
}

/** Counts what launching would plan, without writing anything. */
export async function dryRunCaptionJob(
  db: Db,
  input: {
    projectId: string;
    selection: CaptionJobSelection;
    modelName: string;
    params: GenerationParams;
    force: boolean;
  },
): Promise<CaptionJobDryRun> {
  const params = GenerationParams.parse(input.params);
  const [counts] = await db.$queryRaw<[{ selected: number; skipped: number }]>`
    SELECT count(*)::int AS selected,
      count(*) FILTER (WHERE NOT ${input.force} AND EXISTS (
        SELECT 1 FROM "Prediction" p JOIN "CaptionJob" j ON j.id = p."jobId"
        WHERE p."dataRowId" = r.id AND j."modelName" = ${input.modelName}
          AND j.params = ${JSON.stringify(params)}::jsonb))::int AS skipped
    FROM "DataRow" r
    WHERE ${selectionConditions(input.projectId, input.selection)}`;
  return {
    selected: counts.selected,
    skipped: counts.skipped,
    willRun: counts.selected - counts.skipped,
  };
}

/** The row ids a filter selection names, for planCaptionJob (which takes explicit ids). */
export async function resolveSelectionRowIds(
  db: Db,
  projectId: string,
  selection: CaptionJobSelection,
): Promise<string[] | undefined> {
  if (selection.kind === 'all') return undefined;
  if (selection.kind === 'rows') return selection.rowIds;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT r.id FROM "DataRow" r WHERE ${selectionConditions(projectId, selection)}`;
  return rows.map((row) => row.id);
}
