import type { Db } from '@captionary/db';
import type { ListDataRowsQuery } from '@captionary/shared';
import { assertTeamProject } from './team-scope';

const ROW_SELECT = {
  id: true,
  externalId: true,
  sourceUri: true,
  connectionId: true,
  sha256: true,
  mimeType: true,
  byteSize: true,
  width: true,
  height: true,
  removedAt: true,
  createdAt: true,
} as const;

/** One page of a project's rows in id order (the (projectId, id) index serves it at any depth). */
export async function listDataRowsPage(
  db: Db,
  teamId: string,
  projectId: string,
  { cursor, limit }: ListDataRowsQuery,
) {
  await assertTeamProject(db, teamId, projectId);
  const rows = await db.dataRow.findMany({
    where: { projectId, ...(cursor ? { id: { gt: cursor } } : {}) },
    orderBy: { id: 'asc' },
    take: limit + 1,
    select: ROW_SELECT,
  });
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}
