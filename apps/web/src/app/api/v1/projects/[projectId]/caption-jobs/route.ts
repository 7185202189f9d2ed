import { ObjectId, RestLaunchCaptionJobBody } from '@captionary/shared';
import { notFound } from '../../../../../../server/errors';
import { getCaptionQueue } from '../../../../../../server/queue';
import { getRedis } from '../../../../../../server/redis';
import { apiKeyRoute } from '../../../../../../server/rest/api-key-route';
import { readJsonBody } from '../../../../../../server/rest/json-body';
import { launchCaptionJob } from '../../../../../../server/services/caption-jobs/launch';
import { listCaptionJobs } from '../../../../../../server/services/caption-jobs/queries';
import { launchRequestFromRestBody } from '../../../../../../server/services/caption-jobs/rest-launch';
import { assertProjectInTeam } from '../../../../../../server/services/data-rows/project-access';
import { listLaunchableModels } from '../../../../../../server/services/models';

type Params = { projectId: string };

function projectIdFrom(params: Params): string {
  // A malformed id cannot name any project: same 404 as another team's id.
  const parsed = ObjectId.safeParse(params.projectId);
  if (!parsed.success) throw notFound('Project');
  return parsed.data;
}

/** GET /api/v1/projects/:projectId/caption-jobs?cursor=&limit=: the project's jobs, newest first. */
export const GET = apiKeyRoute<Params>('LABELER', async ({ db, actor, params, request }) => {
  const url = new URL(request.url);
  const limit = url.searchParams.get('limit');
  return listCaptionJobs(db, actor.teamId, {
    projectId: projectIdFrom(params),
    cursor: url.searchParams.get('cursor'),
    limit: limit === null ? undefined : Number(limit),
  });
});

/**
 * POST /api/v1/projects/:projectId/caption-jobs {rowIds | all: true | filter, model?, params?,
 * force?}: plans and enqueues a caption job; 201 with the job and its progress.
 */
export const POST = apiKeyRoute<Params>('ADMIN', async ({ db, actor, params, request }) => {
  const projectId = projectIdFrom(params);
  // The project is checked before the body, so another team's id is 404 whatever was sent.
  await assertProjectInTeam(db, actor.teamId, projectId);
  const body = await readJsonBody(request, RestLaunchCaptionJobBody);
  const models = await listLaunchableModels(db, getRedis());
  const job = await launchCaptionJob(
    {
      db,
      get queue() {
        return getCaptionQueue();
      },
      models: async () => models,
    },
    actor,
    launchRequestFromRestBody(projectId, body, models),
  );
  return Response.json({ job }, { status: 201 });
});
