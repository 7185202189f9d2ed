import { getSessionUser } from '../../../../server/auth/get-session-user';
import { getDb } from '../../../../server/db';
import { rowStorage } from '../../../../server/services/data-rows/storage';
import { handleRowImageRequest } from './handle-row-image';

/** GET /api/images/:rowId?variant=thumb|original: a row's thumbnail (default) or original. */
export async function GET(
  request: Request,
  context: { params: Promise<{ rowId: string }> },
): Promise<Response> {
  const { rowId } = await context.params;
  return handleRowImageRequest(
    { db: getDb(), storage: rowStorage(), sessionUser: getSessionUser },
    request,
    rowId,
  );
}
