import { ObjectId } from '@captionary/shared';
import { notFound } from '../../../../../server/errors';
import { apiKeyRoute } from '../../../../../server/rest/api-key-route';
import { getProject } from '../../../../../server/services/projects';

/** GET /api/v1/projects/:projectId: the project with its workflow steps and counts. */
export const GET = apiKeyRoute<{ projectId: string }>('LABELER', async ({ db, actor, params }) => {
  // A malformed id cannot name any project: same 404 as another team's id.
  const projectId = ObjectId.safeParse(params.projectId);
  if (!projectId.success) throw notFound('Project');
  return { project: await getProject(db, actor.teamId, projectId.data) };
});
