// Starting sync runs and reading them, and the per-connection view of the Sync page.
import type { Db } from '@captionary/db';
import {
  roleAtLeast,
  type DataConnectionKind,
  type SetS3SyncPrefixRequest,
  type StartSyncRequest,
  type SyncRunPayload,
} from '@captionary/shared';
import type { Queue } from 'bullmq';
import { AppError, notFound } from '../../errors';
import type { TeamActor } from '../actor';
import { parseConnectionConfig } from '../imports/connection-config';
import { assertTeamProject, findTeamConnection } from '../imports/team-scope';
import { s3SyncPrefixOf, unsyncableReason } from './open-sync-target';
import { INTERRUPTED_MESSAGE } from './process-sync-run';
import { enqueueSyncRun } from './sync-queue';
import { SYNC_RUN_SELECT, toSyncRunSummary, type SyncRunSummary } from './sync-summaries';

/**
 * How far before the last clean run's start a new run looks back: labels are stamped by the
 * clocks of several processes, and re-checking a minute of them costs only comparisons.
 */
const SINCE_MARGIN_MS = 60_000;

export interface SyncConnectionView {
  id: string;
  name: string;
  kind: DataConnectionKind;
  /** Where captions go (`DATA_ROOT/photos`, `s3://bucket/captions/`), or null when nowhere. */
  destination: string | null;
  /** Why this connection cannot be synced to; null when it can. */
  unsyncableReason: string | null;
  approvedCount: number;
  lastSyncedAt: Date | null;
  latestRun: SyncRunSummary | null;
}

function assertCanSync(actor: Pick<TeamActor, 'role'>): void {
  if (!roleAtLeast(actor.role, 'ADMIN')) {
    throw new AppError('FORBIDDEN', 'Only admins and owners can sync captions to the source');
  }
}

function destinationOf(kind: DataConnectionKind, config: unknown): string | null {
  if (kind === 'SERVER_FOLDER') {
    const settings = parseConnectionConfig('SERVER_FOLDER', config);
    return `DATA_ROOT/${settings.path}`;
  }
  if (kind === 'S3') {
    const settings = parseConnectionConfig('S3', config);
    return `s3://${settings.bucket}/${s3SyncPrefixOf(config)}`;
  }
  return null;
}

/** The project's connections with where a sync would write and their latest run. */
export async function listSyncConnections(
  db: Db,
  teamId: string,
  projectId: string,
): Promise<SyncConnectionView[]> {
  await assertTeamProject(db, teamId, projectId);
  const connections = await db.dataConnection.findMany({
    where: { projectId },
    orderBy: { createdAt: 'asc' },
    include: { syncRuns: { orderBy: { startedAt: 'desc' }, take: 1, select: SYNC_RUN_SELECT } },
  });
  const approved = await db.dataRow.groupBy({
    by: ['connectionId'],
    where: { projectId, removedAt: null, label: { status: 'APPROVED' } },
    _count: { _all: true },
  });
  const approvedCounts = new Map(approved.map((row) => [row.connectionId, row._count._all]));
  return connections.map((connection) => {
    const reason = unsyncableReason(connection.kind);
    let destination: string | null = null;
    try {
      destination = reason ? null : destinationOf(connection.kind, connection.config);
    } catch {
      // A corrupt config shows no destination; running the sync reports the problem.
    }
    return {
      id: connection.id,
      name: connection.name,
      kind: connection.kind,
      destination,
      unsyncableReason: reason,
      approvedCount: approvedCounts.get(connection.id) ?? 0,
      lastSyncedAt: connection.lastSyncedAt,
      latestRun: connection.syncRuns[0] ? toSyncRunSummary(connection.syncRuns[0]) : null,
    };
  });
}

/** True while BullMQ still holds the run's job (waiting, delayed or being worked on). */
async function jobIsAlive(queue: Queue<SyncRunPayload>, runId: string): Promise<boolean> {
  let state: string;
  try {
    state = await queue.getJobState(runId);
  } catch (error) {
    console.error('reading sync job state failed', error);
    throw new AppError('UNAVAILABLE', 'The job queue is unavailable; try again shortly');
  }
  return state !== 'unknown' && state !== 'completed' && state !== 'failed';
}

/**
 * Starts a sync of a connection: incremental from the last clean run unless `full`. A run that is
 * still QUEUED or RUNNING blocks a new one, unless its job is gone (its process was killed and the
 * job was dropped), in which case it is closed as interrupted. With `scope.projectId` (REST paths
 * name the project), a connection of another project is NOT_FOUND like another team's.
 */
export async function startSync(
  db: Db,
  queue: Queue<SyncRunPayload>,
  actor: TeamActor,
  input: StartSyncRequest,
  scope: { projectId?: string } = {},
): Promise<SyncRunSummary> {
  assertCanSync(actor);
  const connection = await findTeamConnection(db, actor.teamId, input.connectionId);
  if (scope.projectId !== undefined && connection.projectId !== scope.projectId) {
    throw notFound('Data connection');
  }
  const refusal = unsyncableReason(connection.kind);
  if (refusal) throw new AppError('INVALID_INPUT', refusal);
  const run = await db.$transaction(async (tx) => {
    // Serialises concurrent clicks: the row lock makes the second check see the first run.
    await tx.$executeRaw`SELECT 1 FROM "DataConnection" WHERE id = ${connection.id}::uuid FOR UPDATE`;
    const active = await tx.syncRun.findFirst({
      where: { connectionId: connection.id, status: { in: ['QUEUED', 'RUNNING'] } },
      select: { id: true },
    });
    if (active) {
      if (await jobIsAlive(queue, active.id)) {
        throw new AppError('CONFLICT', 'A sync of this connection is already running');
      }
      await tx.syncRun.update({
        where: { id: active.id },
        data: { status: 'FAILED', error: INTERRUPTED_MESSAGE, finishedAt: new Date() },
      });
    }
    const lastClean = input.full
      ? null
      : await tx.syncRun.findFirst({
          where: { connectionId: connection.id, status: 'SUCCEEDED', error: null },
          orderBy: { startedAt: 'desc' },
          select: { startedAt: true },
        });
    return tx.syncRun.create({
      data: {
        projectId: connection.projectId,
        connectionId: connection.id,
        since: lastClean ? new Date(lastClean.startedAt.getTime() - SINCE_MARGIN_MS) : null,
      },
      select: SYNC_RUN_SELECT,
    });
  });
  try {
    await enqueueSyncRun(queue, { syncRunId: run.id });
  } catch (error) {
    console.error('enqueueing sync run failed', error);
    await db.syncRun.update({
      where: { id: run.id },
      data: { status: 'FAILED', error: 'The job queue is unavailable', finishedAt: new Date() },
    });
    throw new AppError('UNAVAILABLE', 'The job queue is unavailable; try again shortly');
  }
  return toSyncRunSummary(run);
}

/** The latest sync runs of a project, newest first. */
export async function listSyncRuns(
  db: Db,
  teamId: string,
  projectId: string,
  limit: number,
): Promise<SyncRunSummary[]> {
  await assertTeamProject(db, teamId, projectId);
  const runs = await db.syncRun.findMany({
    where: { projectId },
    orderBy: { startedAt: 'desc' },
    take: limit,
    select: SYNC_RUN_SELECT,
  });
  return runs.map(toSyncRunSummary);
}

/** One run of the team (and of `projectId` when given); NOT_FOUND for anything else. */
export async function getSyncRun(db: Db, teamId: string, syncRunId: string, projectId?: string) {
  const run = await db.syncRun.findFirst({
    where: { id: syncRunId, project: { teamId }, ...(projectId ? { projectId } : {}) },
    select: SYNC_RUN_SELECT,
  });
  if (!run) throw notFound('Sync run');
  return toSyncRunSummary(run);
}

/** Sets the key prefix an S3 connection's captions are synced under. */
export async function setS3SyncPrefix(
  db: Db,
  actor: TeamActor,
  input: SetS3SyncPrefixRequest,
): Promise<void> {
  assertCanSync(actor);
  const connection = await findTeamConnection(db, actor.teamId, input.connectionId);
  if (connection.kind !== 'S3') {
    throw new AppError('INVALID_INPUT', 'Only S3 connections have a sync prefix');
  }
  const config =
    typeof connection.config === 'object' && connection.config && !Array.isArray(connection.config)
      ? connection.config
      : {};
  await db.dataConnection.update({
    where: { id: connection.id },
    data: { config: { ...config, syncPrefix: input.syncPrefix } },
  });
}
