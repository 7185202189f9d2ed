import { ProjectRef } from '@captionary/shared';
import { getProjectAnalytics } from '../services/analytics/project-analytics';
import { reviewLeaseMs } from '../services/review/review-settings';
import { router, teamProcedure } from '../trpc';

export const analyticsRouter = router({
  /** Acceptance, pace and rejection figures of a project; people's pace is for reviewers up. */
  project: teamProcedure('REVIEWER')
    .input(ProjectRef)
    .query(({ ctx, input }) =>
      getProjectAnalytics(ctx.db, ctx.team.id, input.projectId, reviewLeaseMs() / 1000),
    ),
});
