import { apiKeyRoute } from '../../../../../../../server/rest/api-key-route';
import { getSyncRun } from '../../../../../../../server/services/sync/sync-runs';
import { pathId } from '../../../../rest-input';

/** GET /api/v1/projects/:projectId/sync-runs/:runId: a run's status and counts. */
export const GET = apiKeyRoute<{ projectId: string; runId: string }>(
  'LABELER',
  async ({ db, actor, params }) => {
    const projectId = pathId(params.projectId, 'Sync run');
    const runId = pathId(params.runId, 'Sync run');
    return { syncRun: await getSyncRun(db, actor.teamId, runId, projectId) };
  },
);
