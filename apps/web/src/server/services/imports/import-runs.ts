// Starting background imports and re-syncs, and reading their runs.
import type { Db } from '@captionary/db';
import type { DataImportPayload } from '@captionary/shared';
import type { Queue } from 'bullmq';
import { AppError, notFound } from '../../errors';
import type { DbClient, TeamActor } from '../actor';
import { enqueueDataImport } from './data-import-queue';
import {
  IMPORT_RUN_SELECT,
  toConnectionSummary,
  toImportRunSummary,
  type ImportRunSummary,
} from './import-summaries';
import type { ImportMode } from './run-import';
import { assertCanImport, assertTeamProject, findTeamConnection } from './team-scope';

/** A new QUEUED run of `connectionId`, recorded as started by `actor`. */
export async function createImportRun(
  db: DbClient,
  actor: TeamActor,
  projectId: string,
  connectionId: string,
): Promise<ImportRunSummary> {
  const run = await db.importRun.create({
    data: { projectId, connectionId, createdById: actor.userId, apiKeyId: actor.apiKeyId },
    select: IMPORT_RUN_SELECT,
  });
  return toImportRunSummary(run);
}

/** Enqueues a run; if Redis refuses, the run is marked failed and the caller gets UNAVAILABLE. */
export async function enqueueImportRun(
  db: Db,
  queue: Queue<DataImportPayload>,
  payload: DataImportPayload,
): Promise<void> {
  try {
    await enqueueDataImport(queue, payload);
  } catch (error) {
    console.error('enqueueing data import failed', error);
    await db.importRun.update({
      where: { id: payload.importRunId },
      data: { status: 'FAILED', error: 'The job queue is unavailable', finishedAt: new Date() },
    });
    throw new AppError('UNAVAILABLE', 'The job queue is unavailable; try again shortly');
  }
}

/** Starts an import (new items only) or a re-sync (new, changed, removed) of a connection. */
export async function startConnectionImport(
  db: Db,
  queue: Queue<DataImportPayload>,
  actor: TeamActor,
  connectionId: string,
  mode: ImportMode,
): Promise<ImportRunSummary> {
  assertCanImport(actor);
  const connection = await findTeamConnection(db, actor.teamId, connectionId);
  if (!toConnectionSummary(connection, 0, null).resyncable) {
    throw new AppError(
      'INVALID_INPUT',
      connection.kind === 'UPLOAD'
        ? 'Upload connections import files as they are uploaded'
        : 'This list was imported through the API and has no source to re-read',
    );
  }
  const run = await db.$transaction(async (tx) => {
    // Serialises concurrent clicks: the row lock makes the second check see the first run.
    await tx.$executeRaw`SELECT 1 FROM "DataConnection" WHERE id = ${connection.id}::uuid FOR UPDATE`;
    const active = await tx.importRun.findFirst({
      where: { connectionId: connection.id, status: { in: ['QUEUED', 'RUNNING'] } },
      select: { id: true },
    });
    if (active) throw new AppError('CONFLICT', 'An import of this connection is already running');
    return createImportRun(tx, actor, connection.projectId, connection.id);
  });
  await enqueueImportRun(db, queue, { importRunId: run.id, mode });
  return run;
}

/** The latest runs of a project, newest first. */
export async function listImportRuns(
  db: Db,
  teamId: string,
  projectId: string,
  limit: number,
): Promise<ImportRunSummary[]> {
  await assertTeamProject(db, teamId, projectId);
  const runs = await db.importRun.findMany({
    where: { projectId },
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: IMPORT_RUN_SELECT,
  });
  return runs.map(toImportRunSummary);
}

/** One run of the team; NOT_FOUND for other teams' ids. */
export async function getImportRun(
  db: Db,
  teamId: string,
  importRunId: string,
  projectId?: string,
): Promise<ImportRunSummary> {
  const run = await db.importRun.findFirst({
    where: { id: importRunId, project: { teamId }, ...(projectId ? { projectId } : {}) },
    select: IMPORT_RUN_SELECT,
  });
  if (!run) throw notFound('Import run');
  return toImportRunSummary(run);
}
