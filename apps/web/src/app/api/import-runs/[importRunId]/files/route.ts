// POST /api/import-runs/:importRunId/files: the data page's upload target (signed-in members,
// multipart). tRPC carries JSON, and the page needs upload progress, so files come here instead.
import { ObjectId } from '@captionary/shared';
import {
  ACTIVE_TEAM_COOKIE,
  parseActiveTeamCookie,
  readCookie,
} from '../../../../../server/active-team-cookie';
import { getSessionUser } from '../../../../../server/auth/get-session-user';
import { getDb } from '../../../../../server/db';
import { AppError, notFound } from '../../../../../server/errors';
import { errorResponse } from '../../../../../server/rest/error-response';
import { refuseCrossSiteRequest } from '../../../../../server/security/same-origin';
import { importDependencies } from '../../../../../server/services/imports/import-runtime';
import { importUploadIntoRun } from '../../../../../server/services/imports/upload-import';
import { resolveActiveTeam } from '../../../../../server/services/teams';

export async function POST(
  request: Request,
  context: { params: Promise<{ importRunId: string }> },
): Promise<Response> {
  // Cookies ride along on cross-site form posts; only our own pages may upload.
  const refused = refuseCrossSiteRequest(request);
  if (refused) return refused;
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError('UNAUTHORIZED', 'Sign in to continue');
    const db = getDb();
    const requested = parseActiveTeamCookie(
      readCookie(request.headers.get('cookie'), ACTIVE_TEAM_COOKIE),
    );
    const { active } = await resolveActiveTeam(db, user.id, requested);
    if (!active) throw new AppError('FORBIDDEN', 'You are not a member of any team yet');
    const importRunId = ObjectId.safeParse((await context.params).importRunId);
    if (!importRunId.success) throw notFound('Import run');
    const outcome = await importUploadIntoRun(
      importDependencies(db),
      { teamId: active.id, role: active.role, userId: user.id, apiKeyId: null },
      importRunId.data,
      request,
    );
    return Response.json({
      status: outcome.status,
      created: outcome.counts.created,
      skipped: outcome.counts.skipped,
      failed: outcome.failures,
    });
  } catch (error) {
    return errorResponse(error, request);
  }
}
