import { ObjectId } from '@captionary/shared';
import { notFound } from '../../../../../../../server/errors';
import { apiKeyRoute } from '../../../../../../../server/rest/api-key-route';
import { getImportRun } from '../../../../../../../server/services/imports/import-runs';

/** GET /api/v1/projects/:projectId/import-runs/:runId: status, counts and the first failures. */
export const GET = apiKeyRoute<{ projectId: string; runId: string }>(
  'LABELER',
  async ({ db, actor, params }) => {
    const projectId = ObjectId.safeParse(params.projectId);
    const runId = ObjectId.safeParse(params.runId);
    if (!projectId.success || !runId.success) throw notFound('Import run');
    return { importRun: await getImportRun(db, actor.teamId, runId.data, projectId.data) };
  },
);
