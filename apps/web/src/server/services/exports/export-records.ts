// The Export table: who exported what, when, with which filters, how many rows and bytes.
import type { Db } from '@captionary/db';
import {
  EXPORT_FORMAT_DB_NAMES,
  exportFormatFromDb,
  type ExportFilters,
  type ExportFormatName,
} from '@captionary/shared';
import type { TeamActor } from '../actor';

export interface NewExport {
  projectId: string;
  format: ExportFormatName;
  filters: ExportFilters;
  /** RUNNING for a direct stream that starts now, QUEUED for a background job. */
  status: 'RUNNING' | 'QUEUED';
}

/** Records an export before its first byte, so that even an interrupted one is on file. */
export async function createExportRecord(
  db: Db,
  actor: Pick<TeamActor, 'userId' | 'apiKeyId'>,
  input: NewExport,
): Promise<{ id: string }> {
  return db.export.create({
    data: {
      projectId: input.projectId,
      format: EXPORT_FORMAT_DB_NAMES[input.format],
      filters: input.filters,
      status: input.status,
      createdById: actor.userId,
      apiKeyId: actor.apiKeyId,
    },
    select: { id: true },
  });
}

export interface ExportOutcome {
  rowCount: number;
  /** Bytes of the export's text, before any compression. */
  byteSize: number;
  storageKey?: string;
}

export async function markExportSucceeded(
  db: Db,
  exportId: string,
  outcome: ExportOutcome,
): Promise<void> {
  await db.export.update({
    where: { id: exportId },
    data: {
      status: 'SUCCEEDED',
      rowCount: outcome.rowCount,
      byteSize: BigInt(outcome.byteSize),
      storageKey: outcome.storageKey ?? null,
      error: null,
      finishedAt: new Date(),
    },
  });
}

export async function markExportFailed(
  db: Db,
  exportId: string,
  error: string,
  progress: { rowCount: number; byteSize: number },
): Promise<void> {
  await db.export.update({
    where: { id: exportId },
    data: {
      status: 'FAILED',
      error: error.slice(0, 500),
      rowCount: progress.rowCount,
      byteSize: BigInt(progress.byteSize),
      finishedAt: new Date(),
    },
  });
}

/** The export as the history and the download routes see it. */
export interface ExportView {
  id: string;
  projectId: string;
  format: ExportFormatName;
  filters: ExportFilters;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  rowCount: number;
  byteSize: number;
  /** A stored file exists to download again. */
  downloadable: boolean;
  /** When the stored file was deleted after the retention period; null while it is kept. */
  expiredAt: Date | null;
  createdBy: { id: string; name: string } | null;
  /** Set when an API key, not a person, took the export. */
  apiKey: { id: string; name: string } | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export const EXPORT_VIEW_SELECT = {
  id: true,
  projectId: true,
  format: true,
  filters: true,
  status: true,
  rowCount: true,
  byteSize: true,
  storageKey: true,
  error: true,
  createdAt: true,
  finishedAt: true,
  expiredAt: true,
  createdBy: { select: { id: true, name: true } },
  apiKey: { select: { id: true, name: true } },
} as const;

type ExportRecord = NonNullable<Awaited<ReturnType<typeof findExportRecord>>>;

function findExportRecord(db: Db, where: { id: string; teamId: string }) {
  return db.export.findFirst({
    where: { id: where.id, project: { teamId: where.teamId } },
    select: EXPORT_VIEW_SELECT,
  });
}

export function toExportView(record: ExportRecord): ExportView {
  return {
    id: record.id,
    projectId: record.projectId,
    format: exportFormatFromDb(record.format),
    // Written by this module from validated filters only.
    filters: record.filters as ExportFilters,
    status: record.status,
    rowCount: record.rowCount,
    byteSize: Number(record.byteSize),
    downloadable:
      record.status === 'SUCCEEDED' && record.storageKey !== null && record.expiredAt === null,
    expiredAt: record.expiredAt,
    createdBy: record.createdBy,
    apiKey: record.apiKey,
    error: record.error,
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
  };
}

/** One export of the team, or null (another team's export looks absent). */
export async function findTeamExport(
  db: Db,
  teamId: string,
  exportId: string,
): Promise<(ExportView & { storageKey: string | null }) | null> {
  const record = await findExportRecord(db, { id: exportId, teamId });
  return record ? { ...toExportView(record), storageKey: record.storageKey } : null;
}
