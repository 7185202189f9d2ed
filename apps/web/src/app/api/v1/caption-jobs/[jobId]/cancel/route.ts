import { apiKeyRoute } from '../../../../../../server/rest/api-key-route';
import { cancelJob } from '../../../../../../server/services/caption-jobs/control';
import { jobIdFrom } from '../job-id';

/** POST /api/v1/caption-jobs/:jobId/cancel: stops the job between batches; 409 once it ended. */
export const POST = apiKeyRoute<{ jobId: string }>('ADMIN', async ({ db, actor, params }) => ({
  job: await cancelJob({ db }, actor, jobIdFrom(params)),
}));
