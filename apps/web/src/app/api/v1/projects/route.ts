import { CreateProjectRequest } from '@captionary/shared';
import { apiKeyRoute } from '../../../../server/rest/api-key-route';
import { readJsonBody } from '../../../../server/rest/json-body';
import { createProject, listProjects } from '../../../../server/services/projects';

/** GET /api/v1/projects: the key's team's active projects with counts. */
export const GET = apiKeyRoute('LABELER', async ({ db, actor }) => ({
  projects: await listProjects(db, actor.teamId),
}));

/** POST /api/v1/projects {name, description?}: creates a project (admin keys). */
export const POST = apiKeyRoute('ADMIN', async ({ request, db, actor }) => {
  const input = await readJsonBody(request, CreateProjectRequest);
  const project = await createProject(db, actor, input);
  return Response.json({ project }, { status: 201 });
});
