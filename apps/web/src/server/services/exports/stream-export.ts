// A direct export download (REST): recorded, read from one snapshot, streamed to the client as
// it pulls, and its outcome written back to the Export row. Compression is left to the web
// server, which gzips when the client accepts it (Next drops a Content-Encoding that a route
// handler sets itself, so a body compressed here would reach clients undeclared).
import type { Db } from '@captionary/db';
import {
  EXPORT_FORMAT_DETAILS,
  type ExportFilters,
  type ExportFormatName,
} from '@captionary/shared';
import type { TeamActor } from '../actor';
import { assertProjectInTeam } from '../data-rows/project-access';
import { attachmentHeader, exportFileName } from './export-file-name';
import { createExportRecord, markExportFailed, markExportSucceeded } from './export-records';
import { openExportSnapshot } from './export-snapshot';
import { exportSource } from './export-source';
import { textToByteStream } from './text-byte-stream';

export interface StreamExportDeps {
  db: Db;
  /** Exports read through a connection of their own (see export-snapshot.ts). */
  databaseUrl: string;
}

export interface StreamExportRequest {
  projectId: string;
  format: ExportFormatName;
  filters: ExportFilters;
}

/**
 * Starts an export and answers with its streamed file; 404 for another team's project. `signal`
 * is the HTTP request's: when the client goes away, before or during the body, the export is
 * recorded as failed with the reason and its transactions and connections are released.
 */
export async function streamExport(
  deps: StreamExportDeps,
  actor: TeamActor,
  request: StreamExportRequest,
  { signal }: { signal?: AbortSignal } = {},
): Promise<Response> {
  await assertProjectInTeam(deps.db, actor.teamId, request.projectId);
  const project = await deps.db.project.findUniqueOrThrow({
    where: { id: request.projectId },
    select: { name: true },
  });
  const snapshot = await openExportSnapshot(deps.databaseUrl);
  let record: { id: string };
  let takenAt: Date;
  try {
    // The first statement fixes the snapshot; now() is the transaction's start, its timestamp.
    const started = await snapshot.client.query<{ now: Date }>('SELECT now() AS now');
    takenAt = started.rows[0]!.now;
    record = await createExportRecord(deps.db, actor, { ...request, status: 'RUNNING' });
  } catch (error) {
    await snapshot.close();
    throw error;
  }
  const source = exportSource({ ...request, readers: snapshot.readers, takenAt });
  const bytes = textToByteStream(
    source.pieces,
    {
      onFinish: async (totals) => {
        await snapshot.close();
        await markExportSucceeded(deps.db, record.id, {
          rowCount: source.rowCount(),
          byteSize: totals.bytes,
        });
      },
      onAbort: async (reason, totals) => {
        await snapshot.close();
        console.error(`export ${record.id} stopped: ${reason}`);
        await markExportFailed(deps.db, record.id, reason, {
          rowCount: source.rowCount(),
          byteSize: totals.bytes,
        }).catch((error: Error) => console.error(`recording export ${record.id}`, error));
      },
    },
    { signal },
  );
  const details = EXPORT_FORMAT_DETAILS[request.format];
  const headers = new Headers({
    'Content-Type': details.contentType,
    'Content-Disposition': attachmentHeader(exportFileName(project.name, request.format, takenAt)),
    'Cache-Control': 'no-store',
    'X-Export-Id': record.id,
  });
  return new Response(bytes, { headers });
}
