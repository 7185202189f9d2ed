import { ImportUrlsRequest, ListDataRowsQuery, ObjectId } from '@captionary/shared';
import { AppError, notFound } from '../../../../../../server/errors';
import { apiKeyRoute } from '../../../../../../server/rest/api-key-route';
import { readJsonBody } from '../../../../../../server/rest/json-body';
import {
  getDataImportQueue,
  importDependencies,
} from '../../../../../../server/services/imports/import-runtime';
import { importUploadViaApi } from '../../../../../../server/services/imports/upload-import';
import { importUrls } from '../../../../../../server/services/imports/url-import';
import { listDataRowsPage } from '../../../../../../server/services/imports/list-data-rows';

type Params = { projectId: string };

/** 100k URLs of ~100 characters, with room for external ids. */
const MAX_URL_LIST_BODY_BYTES = 32 * 1024 * 1024;

function projectIdOf(params: Params): string {
  // A malformed id cannot name any project: same 404 as another team's id.
  const parsed = ObjectId.safeParse(params.projectId);
  if (!parsed.success) throw notFound('Project');
  return parsed.data;
}

/**
 * GET /api/v1/projects/:projectId/data-rows?cursor=&limit=: rows in id order, `limit` ≤ 1000;
 * pass the answer's `nextCursor` as `cursor` for the next page (null at the end).
 */
export const GET = apiKeyRoute<Params>('LABELER', async ({ db, actor, params, request }) => {
  const projectId = projectIdOf(params);
  const query = ListDataRowsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw new AppError('INVALID_INPUT', 'cursor must be a row id, limit 1-1000');
  return listDataRowsPage(db, actor.teamId, projectId, query.data);
});

/**
 * POST /api/v1/projects/:projectId/data-rows: imports images (admin keys).
 * - JSON `{urls: ["https://…", {url, externalId}]}`: up to 1000 URLs are imported in the request
 *   (200 `{importRunId, status, created, skipped, failed: [{input, error}]}`); longer lists run in
 *   the background (202 `{importRunId, status: "QUEUED", totalItems}`; poll
 *   GET /api/v1/projects/:projectId/import-runs/:importRunId).
 * - multipart/form-data files (any field name, ≤ 1000 files): imported in the request, 200 as above.
 */
export const POST = apiKeyRoute<Params>('ADMIN', async ({ db, actor, params, request }) => {
  const projectId = projectIdOf(params);
  const deps = importDependencies(db);
  const contentType = request.headers.get('content-type') ?? '';
  if (/^multipart\/form-data/i.test(contentType)) {
    const outcome = await importUploadViaApi(deps, actor, projectId, request);
    return {
      importRunId: outcome.importRunId,
      status: outcome.status,
      created: outcome.counts.created,
      skipped: outcome.counts.skipped,
      failed: outcome.failures,
    };
  }
  const body = await readJsonBody(request, ImportUrlsRequest, {
    maxBytes: MAX_URL_LIST_BODY_BYTES,
  });
  const result = await importUrls(deps, getDataImportQueue(), actor, projectId, body.urls);
  if (result.mode === 'queued') {
    const { importRunId, status, totalItems } = result;
    return Response.json({ importRunId, status, totalItems }, { status: 202 });
  }
  const { importRunId, status, created, skipped, failed } = result;
  return { importRunId, status, created, skipped, failed };
});
