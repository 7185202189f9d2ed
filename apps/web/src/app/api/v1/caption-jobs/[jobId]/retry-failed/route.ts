import { getCaptionQueue } from '../../../../../../server/queue';
import { apiKeyRoute } from '../../../../../../server/rest/api-key-route';
import { retryFailedJobRows } from '../../../../../../server/services/caption-jobs/control';
import { jobIdFrom } from '../job-id';

/** POST /api/v1/caption-jobs/:jobId/retry-failed: runs the failed rows again; 409 if none. */
export const POST = apiKeyRoute<{ jobId: string }>('ADMIN', async ({ db, actor, params }) => ({
  job: await retryFailedJobRows({ db, queue: getCaptionQueue() }, actor, jobIdFrom(params)),
}));
