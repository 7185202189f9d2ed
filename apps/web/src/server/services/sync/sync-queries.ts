// The rows a sync looks at: labels of a connection's images changed since a time, the approved
// captions for the manifest, and the state of rows an old manifest still lists. Every query pages
// with a keyset, so memory stays flat however large the connection is.
import type { Db, LabelStatus } from '@captionary/db';
import type { SyncManifestLine } from '@captionary/shared';

const PAGE_SIZE = 500;

export interface SyncScope {
  projectId: string;
  connectionId: string;
}

export interface ChangedRow {
  id: string;
  externalId: string;
  removedAt: Date | null;
  label: { status: LabelStatus; caption: string; approvedAt: Date | null; updatedAt: Date };
}

/**
 * Pages of the connection's labelled rows whose label changed, or whose image vanished, at or
 * after `since`; every labelled row when `since` is null.
 */
export async function* changedRowPages(
  db: Db,
  { projectId, connectionId }: SyncScope,
  since: Date | null,
): AsyncIterable<ChangedRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.dataRow.findMany({
      where: {
        projectId,
        connectionId,
        label: { isNot: null },
        ...(cursor ? { id: { gt: cursor } } : {}),
        ...(since
          ? { OR: [{ label: { updatedAt: { gte: since } } }, { removedAt: { gte: since } }] }
          : {}),
      },
      orderBy: { id: 'asc' },
      take: PAGE_SIZE,
      select: {
        id: true,
        externalId: true,
        removedAt: true,
        label: { select: { status: true, caption: true, approvedAt: true, updatedAt: true } },
      },
    });
    const labelled = rows.filter((row): row is ChangedRow => row.label !== null);
    if (labelled.length) yield labelled;
    if (rows.length < PAGE_SIZE) return;
    cursor = rows[rows.length - 1]!.id;
  }
}

/** The manifest's lines: every approved caption of an image still present, by file name. */
export async function* manifestLines(db: Db, { projectId, connectionId }: SyncScope) {
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.dataRow.findMany({
      where: {
        projectId,
        connectionId,
        removedAt: null,
        label: { status: 'APPROVED' },
        ...(cursor !== undefined ? { externalId: { gt: cursor } } : {}),
      },
      orderBy: { externalId: 'asc' },
      take: PAGE_SIZE,
      select: { externalId: true, label: { select: { caption: true, updatedAt: true } } },
    });
    for (const row of rows) {
      if (!row.label) continue;
      const line: SyncManifestLine = {
        file: row.externalId,
        caption: row.label.caption,
        updated_at: row.label.updatedAt.toISOString(),
      };
      yield `${JSON.stringify(line)}\n`;
    }
    if (rows.length < PAGE_SIZE) return;
    cursor = rows[rows.length - 1]!.externalId;
  }
}

/**
 * Of `files` (image paths an old manifest lists), those that are images of this connection whose
 * caption is no longer published: the image vanished or the label is not approved any more.
 * Names that are no row of the connection are left out, so an edited manifest cannot make a sync
 * delete files it never wrote.
 */
export async function unpublishedFiles(
  db: Db,
  { projectId, connectionId }: SyncScope,
  files: string[],
): Promise<string[]> {
  const rows = await db.dataRow.findMany({
    where: { projectId, connectionId, externalId: { in: files } },
    select: { externalId: true, removedAt: true, label: { select: { status: true } } },
  });
  return rows
    .filter((row) => row.removedAt !== null || row.label?.status !== 'APPROVED')
    .map((row) => row.externalId);
}
