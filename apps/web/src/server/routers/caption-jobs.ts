import type { Db } from '@captionary/db';
import {
  CaptionJobRef,
  LaunchCaptionJobRequest,
  ListCaptionJobsRequest,
  ListJobFailuresRequest,
  ProjectRef,
} from '@captionary/shared';
import { getCaptionQueue } from '../queue';
import { getRedis } from '../redis';
import { cancelJob, retryFailedJobRows } from '../services/caption-jobs/control';
import {
  launchCaptionJob,
  previewCaptionJob,
  type CaptionJobDeps,
} from '../services/caption-jobs/launch';
import { getCaptionJob, listCaptionJobs, listJobFailures } from '../services/caption-jobs/queries';
import { listLaunchableModels } from '../services/models';
import { assertProjectInTeam } from '../services/data-rows/project-access';
import { router, teamProcedure } from '../trpc';

function jobDeps(db: Db): CaptionJobDeps {
  return {
    db,
    // Getters, so that reading a job never opens a queue connection.
    get queue() {
      return getCaptionQueue();
    },
    models: () => listLaunchableModels(db, getRedis()),
  };
}

export const captionJobsRouter = router({
  /** Models the launch form offers (served by workers now, or registered before). */
  models: teamProcedure('ADMIN')
    .input(ProjectRef)
    .query(async ({ ctx, input }) => {
      await assertProjectInTeam(ctx.db, ctx.team.id, input.projectId);
      return listLaunchableModels(ctx.db, getRedis());
    }),

  /** "N images will run": the launch's selection counted, nothing written. */
  preview: teamProcedure('ADMIN')
    .input(LaunchCaptionJobRequest)
    .query(({ ctx, input }) => previewCaptionJob({ db: ctx.db }, ctx.actor, input)),

  launch: teamProcedure('ADMIN')
    .input(LaunchCaptionJobRequest)
    .mutation(({ ctx, input }) => launchCaptionJob(jobDeps(ctx.db), ctx.actor, input)),

  list: teamProcedure('LABELER')
    .input(ListCaptionJobsRequest)
    .query(({ ctx, input }) => listCaptionJobs(ctx.db, ctx.team.id, input)),

  get: teamProcedure('LABELER')
    .input(CaptionJobRef)
    .query(({ ctx, input }) => getCaptionJob(ctx.db, ctx.team.id, input.jobId)),

  failures: teamProcedure('LABELER')
    .input(ListJobFailuresRequest)
    .query(({ ctx, input }) => listJobFailures(ctx.db, ctx.team.id, input)),

  cancel: teamProcedure('ADMIN')
    .input(CaptionJobRef)
    .mutation(({ ctx, input }) => cancelJob({ db: ctx.db }, ctx.actor, input.jobId)),

  retryFailed: teamProcedure('ADMIN')
    .input(CaptionJobRef)
    .mutation(({ ctx, input }) => retryFailedJobRows(jobDeps(ctx.db), ctx.actor, input.jobId)),
});
