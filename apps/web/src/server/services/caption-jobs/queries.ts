// Reading caption jobs: one job, a project's job history, and a job's failed rows.
import type { Db } from '@captionary/db';
import {
  ListCaptionJobsRequest,
  ListJobFailuresRequest,
  type ListCaptionJobsRequest as ListJobsInput,
  type ListJobFailuresRequest as ListFailuresInput,
} from '@captionary/shared';
import { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { assertProjectInTeam } from '../data-rows/project-access';
import { JOB_VIEW_INCLUDE, toCaptionJobView, type CaptionJobView } from './job-view';

/** The job if it belongs to a project of the team; NOT_FOUND otherwise. */
export async function getCaptionJob(
  db: Db,
  teamId: string,
  jobId: string,
): Promise<CaptionJobView> {
  const job = await db.captionJob.findFirst({
    where: { id: jobId, project: { teamId } },
    include: JOB_VIEW_INCLUDE,
  });
  if (!job) throw notFound('Caption job');
  return toCaptionJobView(job);
}

// History cursors carry the last job's (createdAt, id): newest first, ties broken by id.
const HistoryCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

function decodeCursor<T>(schema: z.ZodType<T>, cursor: string): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('INVALID_INPUT', 'Invalid page cursor');
  }
}

function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** A project's jobs, newest first. */
export async function listCaptionJobs(
  db: Db,
  teamId: string,
  request: ListJobsInput,
): Promise<{ jobs: CaptionJobView[]; nextCursor: string | null }> {
  const { projectId, cursor, limit } = ListCaptionJobsRequest.parse(request);
  await assertProjectInTeam(db, teamId, projectId);
  const after = cursor ? decodeCursor(HistoryCursor, cursor) : null;
  const jobs = await db.captionJob.findMany({
    where: {
      projectId,
      ...(after
        ? {
            OR: [
              { createdAt: { lt: new Date(after.createdAt) } },
              { createdAt: new Date(after.createdAt), id: { gt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: limit + 1,
    include: JOB_VIEW_INCLUDE,
  });
  const page = jobs.slice(0, limit);
  const last = page.at(-1);
  const now = new Date();
  return {
    jobs: page.map((job) => toCaptionJobView(job, now)),
    nextCursor:
      jobs.length > limit && last
        ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id })
        : null,
  };
}

export interface JobFailure {
  rowId: string;
  externalId: string;
  error: string;
  attempts: number;
  updatedAt: Date;
}

/** A job's failed rows with the worker's reason, in row-id order, by pages. */
export async function listJobFailures(
  db: Db,
  teamId: string,
  request: ListFailuresInput,
): Promise<{ failures: JobFailure[]; nextCursor: string | null }> {
  const { jobId, cursor, limit } = ListJobFailuresRequest.parse(request);
  const job = await db.captionJob.findFirst({
    where: { id: jobId, project: { teamId } },
    select: { id: true },
  });
  if (!job) throw notFound('Caption job');
  const afterRowId = cursor ? decodeCursor(z.uuid(), cursor) : null;
  const rows = await db.captionJobRow.findMany({
    where: { jobId, status: 'FAILED', ...(afterRowId ? { dataRowId: { gt: afterRowId } } : {}) },
    orderBy: { dataRowId: 'asc' },
    take: limit + 1,
    select: {
      dataRowId: true,
      error: true,
      attempts: true,
      updatedAt: true,
      dataRow: { select: { externalId: true } },
    },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    failures: page.map((row) => ({
      rowId: row.dataRowId,
      externalId: row.dataRow.externalId,
      error: row.error ?? 'failed without a reason',
      attempts: row.attempts,
      updatedAt: row.updatedAt,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.dataRowId) : null,
  };
}
