// Downloading a stored export file again (the history's links), for signed-in members.
import type { Db, ObjectStorage } from '@captionary/db';
import { EXPORT_FORMAT_DETAILS, roleAtLeast, type TeamRole } from '@captionary/shared';
import { AppError, notFound } from '../../errors';
import { attachmentHeader, exportFileName } from './export-file-name';
import { readExportFile } from './export-files';
import { findTeamExport } from './export-records';
import type { ExportRetention } from './export-retention';

export interface ExportDownloadRequest {
  teamId: string;
  role: TeamRole;
  exportId: string;
}

/**
 * The stored file of a finished export of the team; 410 once the retention period deleted it, 404
 * for anything else.
 */
export async function storedExportResponse(
  deps: { db: Db; storage: ObjectStorage; retention: ExportRetention },
  request: ExportDownloadRequest,
): Promise<Response> {
  if (!roleAtLeast(request.role, 'REVIEWER')) {
    throw new AppError('FORBIDDEN', 'Downloading exports needs the reviewer role or higher');
  }
  const found = await findTeamExport(deps.db, request.teamId, request.exportId);
  if (!found) throw notFound('Export');
  if (found.expiredAt) {
    const days = deps.retention.retentionDays;
    throw new AppError(
      'GONE',
      `This export's file was deleted on ${found.expiredAt.toISOString().slice(0, 10)}: files ` +
        `are kept for ${days} ${days === 1 ? 'day' : 'days'}. Start a new export to get the data.`,
    );
  }
  if (found.status !== 'SUCCEEDED' || found.storageKey === null) {
    throw new AppError('CONFLICT', 'This export has no file to download');
  }
  const project = await deps.db.project.findUniqueOrThrow({
    where: { id: found.projectId },
    select: { name: true },
  });
  const takenAt = found.createdAt;
  const headers = new Headers({
    'Content-Type': EXPORT_FORMAT_DETAILS[found.format].contentType,
    'Content-Disposition': attachmentHeader(exportFileName(project.name, found.format, takenAt)),
    'Cache-Control': 'private, no-store',
  });
  // Inflated here and compressed again by the web server for clients that accept gzip: a
  // Content-Encoding set by a route handler does not reach the client.
  return new Response(readExportFile(deps.storage, found.storageKey), { headers });
}
