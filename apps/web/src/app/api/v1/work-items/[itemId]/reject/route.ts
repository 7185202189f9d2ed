import { restTransitionRoute } from '../../../../../../server/services/review/rest-review';

/** POST /api/v1/work-items/:itemId/reject (see restTransitionRoute for bodies and answers). */
export const POST = restTransitionRoute('reject');
