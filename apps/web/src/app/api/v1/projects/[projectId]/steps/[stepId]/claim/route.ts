import { apiKeyRoute } from '../../../../../../../../server/rest/api-key-route';
import { reviewLeaseMs } from '../../../../../../../../server/services/review/review-settings';
import {
  prefetchQueueProject,
  restClaim,
} from '../../../../../../../../server/services/review/rest-review';

/** POST /api/v1/projects/:projectId/steps/:stepId/claim[?lint=]: the next item, or 204. */
export const POST = apiKeyRoute(
  'LABELER',
  ({ db, actor, request, params }, project) =>
    restClaim(db, actor, request, params, reviewLeaseMs(), project),
  prefetchQueueProject,
);
