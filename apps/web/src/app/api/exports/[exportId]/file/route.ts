// GET /api/exports/:exportId/file: a finished background export's file, for signed-in members
// of its team (the exports page's download links); 410 once the file expired.
import { ObjectStorage } from '@captionary/db';
import { ObjectId } from '@captionary/shared';
import { serverEnv } from '../../../../../env';
import {
  ACTIVE_TEAM_COOKIE,
  parseActiveTeamCookie,
  readCookie,
} from '../../../../../server/active-team-cookie';
import { getSessionUser } from '../../../../../server/auth/get-session-user';
import { getDb } from '../../../../../server/db';
import { AppError, notFound } from '../../../../../server/errors';
import { errorResponse } from '../../../../../server/rest/error-response';
import { storedExportResponse } from '../../../../../server/services/exports/export-download';
import { resolveActiveTeam } from '../../../../../server/services/teams';

export const dynamic = 'force-dynamic';

export async function GET(
  request: Request,
  context: { params: Promise<{ exportId: string }> },
): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError('UNAUTHORIZED', 'Sign in to download exports');
    const exportId = ObjectId.safeParse((await context.params).exportId);
    if (!exportId.success) throw notFound('Export');
    const db = getDb();
    const requested = parseActiveTeamCookie(
      readCookie(request.headers.get('cookie'), ACTIVE_TEAM_COOKIE),
    );
    const { active } = await resolveActiveTeam(db, user.id, requested);
    if (!active) throw notFound('Export');
    const env = serverEnv();
    return await storedExportResponse(
      {
        db,
        storage: new ObjectStorage(env.STORAGE_DIR),
        retention: { retentionDays: env.EXPORT_RETENTION_DAYS },
      },
      {
        teamId: active.id,
        role: active.role,
        exportId: exportId.data,
      },
    );
  } catch (error) {
    return errorResponse(error, request);
  }
}
