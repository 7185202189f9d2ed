import {
  CreateProjectRequest,
  ListProjectsRequest,
  ProjectRef,
  SetProjectArchivedRequest,
  UpdateProjectRequest,
  UpdateWorkflowInput,
} from '@captionary/shared';
import {
  createProject,
  getProject,
  listProjects,
  setProjectArchived,
  updateProject,
} from '../services/projects';
import { getWorkflow, updateWorkflow } from '../services/review/workflow-settings';
import { router, teamProcedure } from '../trpc';

export const projectsRouter = router({
  list: teamProcedure('LABELER')
    .input(ListProjectsRequest.optional())
    .query(({ ctx, input }) => listProjects(ctx.db, ctx.team.id, input)),

  get: teamProcedure('LABELER')
    .input(ProjectRef)
    .query(({ ctx, input }) => getProject(ctx.db, ctx.team.id, input.projectId)),

  create: teamProcedure('ADMIN')
    .input(CreateProjectRequest)
    .mutation(({ ctx, input }) => createProject(ctx.db, ctx.actor, input)),

  update: teamProcedure('ADMIN')
    .input(UpdateProjectRequest)
    .mutation(({ ctx, input }) => updateProject(ctx.db, ctx.actor, input)),

  /** The full workflow config (review filters and member lists included), for the editor. */
  workflow: teamProcedure('LABELER')
    .input(ProjectRef)
    .query(({ ctx, input }) => getWorkflow(ctx.db, ctx.team.id, input.projectId)),

  /** Replaces the workflow; items in removed steps are re-routed in the same transaction. */
  updateWorkflow: teamProcedure('ADMIN')
    .input(UpdateWorkflowInput)
    .mutation(({ ctx, input }) => updateWorkflow(ctx.db, ctx.actor, input)),

  setArchived: teamProcedure('ADMIN')
    .input(SetProjectArchivedRequest)
    .mutation(({ ctx, input }) =>
      setProjectArchived(ctx.db, ctx.actor, input.projectId, input.archived),
    ),
});
