// Review queues and transitions for signed-in members. Every procedure resolves the caller as a
// team member; the services check per-step roles, claims and versions.
import {
  ApproveInput,
  AssignInput,
  ClaimNextInput,
  ProjectRef,
  QueueCountsInput,
  RejectInput,
  SubmitInput,
  UpdateLintRulesInput,
  WorkItemRef,
} from '@captionary/shared';
import {
  assignItem,
  claimItem,
  claimNextItem,
  releaseItem,
  skipItem,
} from '../services/review/claim-queue';
import { queueCounts } from '../services/review/queue-counts';
import type { Reviewer } from '../services/review/reviewer';
import { reviewLeaseMs } from '../services/review/review-settings';
import { approveItem, rejectItem, submitItem } from '../services/review/transitions';
import { getWorkItemView } from '../services/review/work-item-view';
import { getLintRules, updateLintRules } from '../services/review/workflow-settings';
import { router, teamProcedure } from '../trpc';

function reviewerOf(ctx: { team: { id: string; role: Reviewer['role'] }; user: { id: string } }) {
  return { teamId: ctx.team.id, userId: ctx.user.id, role: ctx.team.role } satisfies Reviewer;
}

const memberProcedure = teamProcedure('LABELER');

export const reviewRouter = router({
  /** Per-step counts for the signed-in member, optionally of items matching a lint filter. */
  queues: memberProcedure
    .input(QueueCountsInput)
    .query(({ ctx, input }) => queueCounts(ctx.db, reviewerOf(ctx), input)),

  /**
   * Claims the next item of a step (or returns the one already held), optionally only items with
   * lint hits; null when none waits.
   */
  claimNext: memberProcedure.input(ClaimNextInput).mutation(async ({ ctx, input }) => {
    const claimed = await claimNextItem(ctx.db, reviewerOf(ctx), input, reviewLeaseMs());
    return claimed ? getWorkItemView(ctx.db, ctx.team.id, claimed.id) : null;
  }),

  /** Claims one named item where it is now (after a conflict, to act on it again). */
  claimItem: memberProcedure.input(WorkItemRef).mutation(async ({ ctx, input }) => {
    await claimItem(ctx.db, reviewerOf(ctx), input.itemId, reviewLeaseMs());
    return getWorkItemView(ctx.db, ctx.team.id, input.itemId);
  }),

  get: memberProcedure
    .input(WorkItemRef)
    .query(({ ctx, input }) => getWorkItemView(ctx.db, ctx.team.id, input.itemId)),

  submit: memberProcedure
    .input(SubmitInput)
    .mutation(({ ctx, input }) => submitItem(ctx.db, reviewerOf(ctx), input)),

  approve: memberProcedure
    .input(ApproveInput)
    .mutation(({ ctx, input }) => approveItem(ctx.db, reviewerOf(ctx), input)),

  reject: memberProcedure
    .input(RejectInput)
    .mutation(({ ctx, input }) => rejectItem(ctx.db, reviewerOf(ctx), input)),

  /** Gives the item back and moves it to the end of its queue. */
  skip: memberProcedure.input(WorkItemRef).mutation(async ({ ctx, input }) => {
    await skipItem(ctx.db, reviewerOf(ctx), input.itemId);
    return { ok: true as const };
  }),

  /** Gives the item back, keeping its place in the queue. */
  release: memberProcedure.input(WorkItemRef).mutation(async ({ ctx, input }) => {
    await releaseItem(ctx.db, reviewerOf(ctx), input.itemId);
    return { ok: true as const };
  }),

  assign: teamProcedure('ADMIN')
    .input(AssignInput)
    .mutation(async ({ ctx, input }) => {
      await assignItem(ctx.db, reviewerOf(ctx), input);
      return { ok: true as const };
    }),

  lintRules: memberProcedure
    .input(ProjectRef)
    .query(({ ctx, input }) => getLintRules(ctx.db, ctx.team.id, input.projectId)),

  updateLintRules: teamProcedure('ADMIN')
    .input(UpdateLintRulesInput)
    .mutation(({ ctx, input }) => updateLintRules(ctx.db, ctx.actor, input)),
});
