import { apiKeyRoute } from '../../../../../../server/rest/api-key-route';
import { restTransition } from '../../../../../../server/services/review/rest-review';

/** POST /api/v1/work-items/:itemId/reject (see restTransition for bodies and answers). */
export const POST = apiKeyRoute<{ itemId: string }>('LABELER', ({ db, actor, request, params }) =>
  restTransition(db, actor, request, params, 'reject'),
);
