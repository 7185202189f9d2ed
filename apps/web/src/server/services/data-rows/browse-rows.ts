// The dataset browser's query: one page of a project's rows in external-id order, with each row's
// current caption, review status and workflow step, under the browser's filters.
import { Prisma, type Db, type LabelStatus } from '@captionary/db';
import { BrowseRowsRequest, CountRowsRequest, type RowFilter } from '@captionary/shared';
import { assertProjectInTeam } from './project-access';
import { decodeRowCursor, encodeRowCursor } from './row-cursor';
import { rowFilterConditions } from './row-filter-sql';

/** One tile of the browser grid. */
export interface BrowsedRow {
  id: string;
  externalId: string;
  width: number;
  height: number;
  mimeType: string;
  createdAt: Date;
  caption: string | null;
  labelStatus: LabelStatus | null;
  /** True while the caption is still the model's pre-label (no person has written it). */
  captionByModel: boolean;
  stepId: string | null;
  hasPrelabel: boolean;
}

export interface BrowsedRowsPage {
  rows: BrowsedRow[];
  /** Pass back to get the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * One page of rows. Team-scoped: another team's project is NOT_FOUND. The page is found by a
 * keyset on (projectId, externalId), so it costs the same on page 1 and page 20,000.
 */
export async function browseRows(
  db: Db,
  teamId: string,
  request: BrowseRowsRequest,
): Promise<BrowsedRowsPage> {
  const { projectId, filter, cursor, limit } = BrowseRowsRequest.parse(request);
  await assertProjectInTeam(db, teamId, projectId);
  return queryRowsPage(db, projectId, filter, cursor ?? null, limit);
}

/** The page query itself, without the team check (the benchmark times exactly this). */
export async function queryRowsPage(
  db: Db,
  projectId: string,
  filter: RowFilter,
  cursor: string | null,
  limit: number,
): Promise<BrowsedRowsPage> {
  const after = cursor ? Prisma.sql`AND r."externalId" > ${decodeRowCursor(cursor)}` : Prisma.empty;
  // One row more than asked tells whether another page exists without counting.
  const rows = await db.$queryRaw<BrowsedRow[]>`
    SELECT r.id, r."externalId", r.width, r.height, r."mimeType", r."createdAt",
      l.caption, l.status AS "labelStatus",
      (l.id IS NOT NULL AND l."createdById" IS NULL) AS "captionByModel",
      w."stepId",
      EXISTS (SELECT 1 FROM "Prediction" p WHERE p."dataRowId" = r.id) AS "hasPrelabel"
    FROM "DataRow" r
    LEFT JOIN "Label" l ON l."dataRowId" = r.id
    LEFT JOIN "WorkItem" w ON w."dataRowId" = r.id
    WHERE ${rowFilterConditions(projectId, filter)} ${after}
    ORDER BY r."externalId"
    LIMIT ${limit + 1}`;
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return { rows: page, nextCursor: hasMore && last ? encodeRowCursor(last.externalId) : null };
}

/** How many rows match a filter (for "N rows" labels and the launch form's selection). */
export async function countRows(db: Db, teamId: string, request: CountRowsRequest) {
  const { projectId, filter } = CountRowsRequest.parse(request);
  await assertProjectInTeam(db, teamId, projectId);
  const [{ count }] = await db.$queryRaw<[{ count: number }]>`
    SELECT count(*)::int AS count FROM "DataRow" r
    WHERE ${rowFilterConditions(projectId, filter)}`;
  return { count };
}
