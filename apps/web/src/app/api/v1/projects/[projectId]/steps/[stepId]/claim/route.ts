import { apiKeyRoute } from '../../../../../../../../server/rest/api-key-route';
import { reviewLeaseMs } from '../../../../../../../../server/services/review/review-settings';
import { restClaim } from '../../../../../../../../server/services/review/rest-review';

/** POST /api/v1/projects/:projectId/steps/:stepId/claim[?lint=]: the next item, or 204. */
export const POST = apiKeyRoute<{ projectId: string; stepId: string }>(
  'LABELER',
  ({ db, actor, request, params }) => restClaim(db, actor, request, params, reviewLeaseMs()),
);
