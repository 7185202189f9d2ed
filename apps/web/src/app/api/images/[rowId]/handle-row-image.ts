// Serves a row's image to a signed-in member of the row's team or to an API key of that team.
// Everything else is 404 (never revealing that another team's row exists) or 401 when nobody is
// signed in. Kept apart from route.ts so tests can pass their own session lookup.
import type { Db, ObjectStorage } from '@captionary/db';
import { ObjectId } from '@captionary/shared';
import { z } from 'zod';
import type { SessionUser } from '../../../../server/auth/session-user';
import { AppError, notFound } from '../../../../server/errors';
import {
  authenticateApiKeyRequest,
  type ApiKeyLimits,
} from '../../../../server/rest/api-key-route';
import { errorResponse } from '../../../../server/rest/error-response';
import { API_CONTENT_SECURITY_POLICY } from '../../../../server/security/security-headers.mjs';
import { loadRowImage } from '../../../../server/services/data-rows/row-images';

const Variant = z.enum(['thumb', 'original']).default('thumb');

export interface RowImageRequestDeps {
  db: Db;
  storage: ObjectStorage;
  /** The signed-in user of the request (next-auth session), or null. */
  sessionUser: () => Promise<SessionUser | null>;
  /** The limits API keys are held to; the process's own when absent. */
  apiKeyLimits?: ApiKeyLimits;
}

/** The team whose rows the caller may see, if the row belongs to it; NOT_FOUND otherwise. */
async function viewerTeamForRow(
  deps: RowImageRequestDeps,
  request: Request,
  rowId: string,
): Promise<string> {
  if (request.headers.has('authorization')) {
    const actor = await authenticateApiKeyRequest(deps.db, request, deps.apiKeyLimits);
    return actor.teamId;
  }
  const user = await deps.sessionUser();
  if (!user) throw new AppError('UNAUTHORIZED', 'Sign in to see images');
  const row = await deps.db.dataRow.findFirst({
    where: { id: rowId, project: { team: { memberships: { some: { userId: user.id } } } } },
    select: { project: { select: { teamId: true } } },
  });
  if (!row) throw notFound('Image');
  return row.project.teamId;
}

export async function handleRowImageRequest(
  deps: RowImageRequestDeps,
  request: Request,
  rawRowId: string,
): Promise<Response> {
  try {
    const rowId = ObjectId.safeParse(rawRowId);
    const variant = Variant.safeParse(
      new URL(request.url).searchParams.get('variant') ?? undefined,
    );
    if (!variant.success) throw new AppError('INVALID_INPUT', 'variant must be thumb or original');
    if (!rowId.success) throw notFound('Image');
    const teamId = await viewerTeamForRow(deps, request, rowId.data);
    const image = await loadRowImage(deps.db, deps.storage, teamId, rowId.data, variant.data);
    const etag = `"${image.etag}-${variant.data}"`;
    const headers = new Headers({
      // The type sharp recognised when the file was imported (or the thumbnails' WebP), never
      // one derived from a file name or the request.
      'Content-Type': image.contentType,
      'Content-Length': String(image.bytes.length),
      'Content-Disposition': image.inline ? 'inline' : 'attachment',
      'X-Content-Type-Options': 'nosniff',
      // Team data: browsers may keep it, shared caches must not.
      'Cache-Control': 'private, max-age=3600',
      ETag: etag,
      // Opened directly, the file still cannot run anything, even if it is also valid HTML.
      'Content-Security-Policy': API_CONTENT_SECURITY_POLICY,
      // Other sites may not embed team images.
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    if (request.headers.get('if-none-match') === etag) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(new Uint8Array(image.bytes), { status: 200, headers });
  } catch (error) {
    return errorResponse(error, request);
  }
}
