import {
  CreateProjectRequest,
  ListProjectsRequest,
  ProjectRef,
  SetProjectArchivedRequest,
  UpdateProjectRequest,
} from '@captionary/shared';
import {
  createProject,
  getProject,
  listProjects,
  setProjectArchived,
  updateProject,
} from '../services/projects';
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

  setArchived: teamProcedure('ADMIN')
    .input(SetProjectArchivedRequest)
    .mutation(({ ctx, input }) =>
      setProjectArchived(ctx.db, ctx.actor, input.projectId, input.archived),
    ),
});
