// Launching a caption job: check the project and the model, plan the job in Postgres (one
// transaction, in @captionary/db), then hand its batch ids to the queue.
import { cancelCaptionJob, enqueueCaptionBatches, planCaptionJob, type Db } from '@captionary/db';
import {
  LaunchCaptionJobRequest,
  type CaptionBatchPayload,
  type LaunchCaptionJobRequest as LaunchInput,
} from '@captionary/shared';
import type { Queue } from 'bullmq';
import { AppError } from '../../errors';
import type { TeamActor } from '../actor';
import { recordAudit } from '../audit';
import { assertProjectInTeam } from '../data-rows/project-access';
import type { LaunchableModel } from '../models';
import { getCaptionJob } from './queries';
import { dryRunCaptionJob, resolveSelectionRowIds, type CaptionJobDryRun } from './selection';
import type { CaptionJobView } from './job-view';

export interface CaptionJobDeps {
  db: Db;
  queue: Queue<CaptionBatchPayload>;
  /** The models a job may ask for (listLaunchableModels). */
  models: () => Promise<LaunchableModel[]>;
}

async function assertKnownModel(deps: Pick<CaptionJobDeps, 'models'>, modelName: string) {
  const models = await deps.models();
  if (!models.some((model) => model.name === modelName)) {
    throw new AppError('INVALID_INPUT', `No worker serves or has served "${modelName}"`, {
      modelName: ['Pick a model that a worker serves'],
    });
  }
}

/** What launching would do ("N images will run"), without writing anything. */
export async function previewCaptionJob(
  deps: Pick<CaptionJobDeps, 'db'>,
  actor: TeamActor,
  request: LaunchInput,
): Promise<CaptionJobDryRun> {
  const input = LaunchCaptionJobRequest.parse(request);
  await assertProjectInTeam(deps.db, actor.teamId, input.projectId);
  return dryRunCaptionJob(deps.db, input);
}

/** Plans and enqueues a caption job; returns it with its progress. */
export async function launchCaptionJob(
  deps: CaptionJobDeps,
  actor: TeamActor,
  request: LaunchInput,
): Promise<CaptionJobView> {
  const input = LaunchCaptionJobRequest.parse(request);
  const { db } = deps;
  await assertProjectInTeam(db, actor.teamId, input.projectId);
  await assertKnownModel(deps, input.modelName);
  const rowIds = await resolveSelectionRowIds(db, input.projectId, input.selection);
  if (rowIds?.length === 0) throw new AppError('INVALID_INPUT', 'No rows match this selection');
  const plan = await planCaptionJob(db, {
    projectId: input.projectId,
    rowIds,
    modelName: input.modelName,
    params: input.params,
    force: input.force,
    createdById: actor.userId,
  });
  await recordAudit(db, actor, {
    action: 'caption_job.launched',
    targetType: 'caption_job',
    targetId: plan.jobId,
    metadata: {
      projectId: input.projectId,
      modelName: input.modelName,
      selection: input.selection.kind,
      totalRows: plan.totalRows,
      skippedRows: plan.skippedRows,
    },
  });
  if (plan.batchIds.length > 0) {
    try {
      await enqueueCaptionBatches(deps.queue, plan.jobId, plan.batchIds);
    } catch (error) {
      // The plan is committed but no worker will ever see it: close the job rather than leave
      // it queued forever, and tell the caller that the queue is down.
      console.error(`caption job ${plan.jobId}: enqueue failed`, error);
      await cancelCaptionJob(db, plan.jobId);
      throw new AppError('UNAVAILABLE', 'The job queue is unavailable; the job was cancelled');
    }
  }
  return getCaptionJob(db, actor.teamId, plan.jobId);
}
