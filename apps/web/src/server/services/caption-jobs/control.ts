// What admins do to a job after launch: cancel it, or retry only its failed rows.
import { cancelCaptionJob, enqueueCaptionBatches, retryFailedRows } from '@captionary/db';
import { AppError, notFound } from '../../errors';
import type { TeamActor } from '../actor';
import { recordAudit } from '../audit';
import type { CaptionJobDeps } from './launch';
import { getCaptionJob } from './queries';
import type { CaptionJobView } from './job-view';

async function assertJobInTeam(deps: Pick<CaptionJobDeps, 'db'>, teamId: string, jobId: string) {
  const job = await deps.db.captionJob.findFirst({
    where: { id: jobId, project: { teamId } },
    select: { id: true },
  });
  if (!job) throw notFound('Caption job');
}

/**
 * Cancels a queued or running job: batches not started are dropped, batches in flight finish
 * and keep their predictions. CONFLICT when the job has already ended.
 */
export async function cancelJob(
  deps: Pick<CaptionJobDeps, 'db'>,
  actor: TeamActor,
  jobId: string,
): Promise<CaptionJobView> {
  await assertJobInTeam(deps, actor.teamId, jobId);
  const cancelled = await cancelCaptionJob(deps.db, jobId);
  if (!cancelled) throw new AppError('CONFLICT', 'This job has already ended');
  await recordAudit(deps.db, actor, {
    action: 'caption_job.cancelled',
    targetType: 'caption_job',
    targetId: jobId,
  });
  return getCaptionJob(deps.db, actor.teamId, jobId);
}

/**
 * Puts a finished job's failed rows into new batches and enqueues them. CONFLICT while the job
 * is still running or when nothing failed.
 */
export async function retryFailedJobRows(
  deps: Pick<CaptionJobDeps, 'db' | 'queue'>,
  actor: TeamActor,
  jobId: string,
): Promise<CaptionJobView> {
  await assertJobInTeam(deps, actor.teamId, jobId);
  const batchIds = await retryFailedRows(deps.db, jobId);
  if (batchIds.length === 0) {
    throw new AppError('CONFLICT', 'Nothing to retry: the job is still running or no row failed');
  }
  // Batch ids are the queue's job ids, so enqueueing again after a failed attempt is harmless;
  // a failure here leaves the rows PENDING in a reopened job, which the error message says.
  try {
    await enqueueCaptionBatches(deps.queue, jobId, batchIds);
  } catch (error) {
    console.error(`caption job ${jobId}: enqueue of retried rows failed`, error);
    throw new AppError('UNAVAILABLE', 'The job queue is unavailable; try again shortly');
  }
  await recordAudit(deps.db, actor, {
    action: 'caption_job.retried',
    targetType: 'caption_job',
    targetId: jobId,
    metadata: { batches: batchIds.length },
  });
  return getCaptionJob(deps.db, actor.teamId, jobId);
}
