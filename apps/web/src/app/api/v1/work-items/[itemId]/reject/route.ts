import { apiKeyRoute } from '../../../../../../server/rest/api-key-route';
import {
  prefetchTransitionItem,
  restTransition,
} from '../../../../../../server/services/review/rest-review';

/** POST /api/v1/work-items/:itemId/reject (see restTransition for bodies and answers). */
export const POST = apiKeyRoute(
  'LABELER',
  ({ db, actor, request }, item) => restTransition(db, actor, request, 'reject', item),
  prefetchTransitionItem,
);
