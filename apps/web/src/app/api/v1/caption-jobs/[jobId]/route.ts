import { apiKeyRoute } from '../../../../../server/rest/api-key-route';
import { getCaptionJob } from '../../../../../server/services/caption-jobs/queries';
import { jobIdFrom } from './job-id';

/** GET /api/v1/caption-jobs/:jobId: status, counts (total, done, failed, skipped), rate, ETA. */
export const GET = apiKeyRoute<{ jobId: string }>('LABELER', async ({ db, actor, params }) => ({
  job: await getCaptionJob(db, actor.teamId, jobIdFrom(params)),
}));
