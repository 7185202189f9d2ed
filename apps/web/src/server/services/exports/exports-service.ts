// The exports page's operations: start a background export, list the history with progress, and
// the choices the filter form offers.
import type { Db } from '@captionary/db';
import {
  ROLES,
  StartExportRequest as StartExportInput,
  WorkflowConfig,
  type ExportJobPayload,
  type ExportJobProgress,
  type ListExportsRequest,
  type StartExportRequest,
} from '@captionary/shared';
import type { Queue } from 'bullmq';
import { AppError } from '../../errors';
import type { TeamActor } from '../actor';
import { assertProjectInTeam } from '../data-rows/project-access';
import { enqueueExport, readExportProgress } from './export-queue';
import { exportExpiresAt, type ExportRetention } from './export-retention';
import {
  createExportRecord,
  EXPORT_VIEW_SELECT,
  findTeamExport,
  markExportFailed,
  toExportView,
  type ExportView,
} from './export-records';

export interface ExportsDeps {
  db: Db;
  /** A getter, so that reading the history without running exports opens no queue connection. */
  queue: () => Queue<ExportJobPayload>;
  retention: ExportRetention;
}

/** Records the export and hands it to the background worker. */
export async function startBackgroundExport(
  deps: Pick<ExportsDeps, 'db' | 'queue'>,
  actor: TeamActor,
  request: StartExportRequest,
): Promise<ExportView> {
  const input = StartExportInput.parse(request);
  await assertProjectInTeam(deps.db, actor.teamId, input.projectId);
  const record = await createExportRecord(deps.db, actor, {
    projectId: input.projectId,
    format: input.format,
    filters: input.filters,
    status: 'QUEUED',
  });
  try {
    await enqueueExport(deps.queue(), { exportId: record.id });
  } catch (error) {
    console.error(`enqueueing export ${record.id}`, error);
    await markExportFailed(deps.db, record.id, 'the export queue is unavailable', {
      rowCount: 0,
      byteSize: 0,
    });
    throw new AppError('UNAVAILABLE', 'Exports are unavailable right now. Please try again.');
  }
  const view = await findTeamExport(deps.db, actor.teamId, record.id);
  if (!view) throw new Error(`export ${record.id} vanished`);
  return view;
}

export type ExportHistoryEntry = ExportView & {
  progress: ExportJobProgress | null;
  /** When a downloadable file will be deleted; null for the others. */
  expiresAt: Date | null;
};

/**
 * A project's exports, newest first; running ones carry their worker's progress, downloadable
 * ones the time their file expires.
 */
export async function listProjectExports(
  deps: ExportsDeps,
  teamId: string,
  request: ListExportsRequest,
): Promise<{ exports: ExportHistoryEntry[]; nextCursor: string | null }> {
  const limit = request.limit ?? 20;
  await assertProjectInTeam(deps.db, teamId, request.projectId);
  const records = await deps.db.export.findMany({
    where: { projectId: request.projectId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    ...(request.cursor ? { cursor: { id: request.cursor }, skip: 1 } : {}),
    select: EXPORT_VIEW_SELECT,
  });
  const page = records.slice(0, limit);
  const exports = await Promise.all(
    page.map(async (record): Promise<ExportHistoryEntry> => {
      const view = toExportView(record);
      const running = view.status === 'RUNNING' || view.status === 'QUEUED';
      // Direct REST streams have no job; only background exports report progress.
      const progress =
        running && view.apiKey === null
          ? await readExportProgress(deps.queue(), view.id).catch(() => null)
          : null;
      const expiresAt =
        view.downloadable && view.finishedAt
          ? exportExpiresAt(view.finishedAt, deps.retention)
          : null;
      return { ...view, progress, expiresAt };
    }),
  );
  return { exports, nextCursor: records.length > limit ? (page.at(-1)?.id ?? null) : null };
}

export interface ExportFilterOptions {
  steps: { id: string; name: string }[];
  reviewers: { id: string; name: string; email: string }[];
  jobs: { id: string; modelName: string; createdAt: Date }[];
  models: { id: string; name: string; checksum: string }[];
}

/** What the filter form offers: the project's steps, reviewers, jobs and model versions. */
export async function exportFilterOptions(
  db: Db,
  teamId: string,
  projectId: string,
): Promise<ExportFilterOptions> {
  const project = await assertProjectInTeam(db, teamId, projectId);
  const workflow = WorkflowConfig.safeParse(project.workflowConfig);
  const [members, jobs, models] = await Promise.all([
    db.membership.findMany({
      where: { teamId, role: { in: ROLES.filter((role) => role !== 'LABELER') } },
      select: { user: { select: { id: true, name: true, email: true } } },
      orderBy: { user: { name: 'asc' } },
    }),
    db.captionJob.findMany({
      where: { projectId },
      select: { id: true, modelName: true, createdAt: true },
      orderBy: { createdAt: 'desc' },
      take: 100,
    }),
    db.modelVersion.findMany({
      where: { captionJobs: { some: { projectId } } },
      select: { id: true, name: true, checksum: true },
      orderBy: { createdAt: 'desc' },
    }),
  ]);
  return {
    steps: workflow.success ? workflow.data.steps.map(({ id, name }) => ({ id, name })) : [],
    reviewers: members.map((m) => m.user),
    jobs,
    models,
  };
}
