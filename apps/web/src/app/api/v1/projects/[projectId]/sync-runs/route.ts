import { apiKeyRoute } from '../../../../../../server/rest/api-key-route';
import { readJsonBody } from '../../../../../../server/rest/json-body';
import {
  RestListSyncRunsQuery,
  RestStartSyncBody,
} from '../../../../../../server/services/sync/sync-rest-requests';
import { listSyncRuns, startSync } from '../../../../../../server/services/sync/sync-runs';
import { getSyncRunQueue } from '../../../../../../server/services/sync/sync-runtime';
import { pathId, readQuery } from '../../../rest-input';

type Params = { projectId: string };

/** GET /api/v1/projects/:projectId/sync-runs?limit=: the project's sync runs, newest first. */
export const GET = apiKeyRoute<Params>('LABELER', async ({ db, actor, params, request }) => {
  const projectId = pathId(params.projectId, 'Project');
  const { limit } = readQuery(request, RestListSyncRunsQuery);
  return { syncRuns: await listSyncRuns(db, actor.teamId, projectId, limit) };
});

/**
 * POST /api/v1/projects/:projectId/sync-runs {connectionId, full?}: writes the approved captions
 * back to one of the project's connections; 201 with the queued run, 409 while one runs.
 */
export const POST = apiKeyRoute<Params>('ADMIN', async ({ db, actor, params, request }) => {
  const projectId = pathId(params.projectId, 'Project');
  const body = await readJsonBody(request, RestStartSyncBody);
  const syncRun = await startSync(db, getSyncRunQueue(), actor, body, { projectId });
  return Response.json({ syncRun }, { status: 201 });
});
