// How a caption job is shown to clients (UI and REST): its settings, model and live progress.
import { describeProgress, type CaptionJob, type CaptionJobProgress } from '@captionary/db';

/** A caption job with its progress, as both the UI and the REST API return it. */
export interface CaptionJobView {
  id: string;
  projectId: string;
  status: CaptionJob['status'];
  modelName: string;
  /** The exact model build that ran the job; null until a worker takes the first batch. */
  modelVersion: { name: string; checksum: string; tiny: boolean } | null;
  params: unknown;
  force: boolean;
  createdBy: { id: string; name: string } | null;
  progress: CaptionJobProgress;
  createdAt: Date;
}

/** Prisma include that gives toCaptionJobView what it needs. */
export const JOB_VIEW_INCLUDE = {
  modelVersion: { select: { name: true, checksum: true, tiny: true } },
  createdBy: { select: { id: true, name: true } },
} as const;

export function toCaptionJobView(
  job: CaptionJob & {
    modelVersion: CaptionJobView['modelVersion'];
    createdBy: CaptionJobView['createdBy'];
  },
  now = new Date(),
): CaptionJobView {
  return {
    id: job.id,
    projectId: job.projectId,
    status: job.status,
    modelName: job.modelName,
    modelVersion: job.modelVersion,
    params: job.params,
    force: job.force,
    createdBy: job.createdBy,
    progress: describeProgress(job, now),
    createdAt: job.createdAt,
  };
}

/** True while workers may still change the job's counts (the UI keeps polling). */
export function isJobActive(status: CaptionJob['status']): boolean {
  return status === 'QUEUED' || status === 'RUNNING' || status === 'CANCELLING';
}
