// Imports the files of one upload request into a run: they are streamed to a temporary folder,
// then checked and stored like any other import; the temporary files are always removed.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors';
import type { TeamActor } from '../actor';
import { apiConnection } from './api-connections';
import { createImportRun } from './import-runs';
import { receiveMultipartFiles } from './multipart-files';
import type { ImportDependencies } from './process-data-import';
import { runImport, type ImportOutcome } from './run-import';
import { uploadedFilesSource } from './sources/uploaded-files-source';
import { assertCanImport, assertTeamProject, findTeamConnection } from './team-scope';

/** Files one request may carry; the browser splits bigger drops into several requests. */
export const MAX_FILES_PER_UPLOAD = 1_000;
/** An upload run still waiting for its files after this long was abandoned. */
const ABANDONED_UPLOAD_MS = 60 * 60 * 1000;

async function importRequestFiles(
  deps: ImportDependencies,
  run: { id: string; projectId: string; connectionId: string },
  request: Request,
): Promise<ImportOutcome> {
  const tempDir = path.join(deps.settings.storageDir, 'tmp', 'uploads', randomUUID());
  try {
    const files = await receiveMultipartFiles(request, tempDir, {
      maxBytes: deps.settings.maxBytes,
      maxFiles: MAX_FILES_PER_UPLOAD,
    });
    return await runImport(
      {
        db: deps.db,
        storage: deps.storage,
        run,
        mode: 'import',
        // Decoding is the cost here, not waiting on a network: a few at a time is enough.
        concurrency: 4,
        keepAllFailures: true,
      },
      uploadedFilesSource(files, deps.settings.maxBytes),
    );
  } catch (error) {
    await deps.db.importRun.updateMany({
      where: { id: run.id, status: { in: ['QUEUED', 'RUNNING'] } },
      data: {
        status: 'FAILED',
        error: error instanceof AppError ? error.message : 'The upload failed',
        finishedAt: new Date(),
      },
    });
    throw error;
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}

/** Uploads from the data page: into a run the page created beforehand (so it can poll it). */
export async function importUploadIntoRun(
  deps: ImportDependencies,
  actor: TeamActor,
  importRunId: string,
  request: Request,
): Promise<ImportOutcome> {
  assertCanImport(actor);
  const run = await deps.db.importRun.findFirst({
    where: { id: importRunId, project: { teamId: actor.teamId }, connection: { kind: 'UPLOAD' } },
    select: { id: true, projectId: true, connectionId: true, status: true },
  });
  if (!run) throw new AppError('NOT_FOUND', 'Import run not found');
  if (run.status !== 'QUEUED') throw new AppError('CONFLICT', 'This upload has already been sent');
  return importRequestFiles(deps, run, request);
}

/** Starts an upload run on one of the team's upload connections (the page then sends the files). */
export async function beginUpload(
  deps: ImportDependencies,
  actor: TeamActor,
  connectionId: string,
) {
  assertCanImport(actor);
  const connection = await findTeamConnection(deps.db, actor.teamId, connectionId);
  if (connection.kind !== 'UPLOAD') {
    throw new AppError('INVALID_INPUT', 'Files can only be uploaded to an upload connection');
  }
  // A page closed between starting an upload and sending it leaves a run waiting forever.
  await deps.db.importRun.updateMany({
    where: {
      connectionId,
      status: 'QUEUED',
      createdAt: { lt: new Date(Date.now() - ABANDONED_UPLOAD_MS) },
    },
    data: { status: 'FAILED', error: 'The files never arrived', finishedAt: new Date() },
  });
  return createImportRun(deps.db, actor, connection.projectId, connection.id);
}

/** Uploads through the REST API: a run of the project's API upload connection. */
export async function importUploadViaApi(
  deps: ImportDependencies,
  actor: TeamActor,
  projectId: string,
  request: Request,
): Promise<ImportOutcome & { importRunId: string }> {
  assertCanImport(actor);
  await assertTeamProject(deps.db, actor.teamId, projectId);
  const connection = await apiConnection(deps.db, projectId, 'UPLOAD');
  const run = await createImportRun(deps.db, actor, projectId, connection.id);
  const outcome = await importRequestFiles(
    deps,
    { id: run.id, projectId, connectionId: connection.id },
    request,
  );
  return { ...outcome, importRunId: run.id };
}
