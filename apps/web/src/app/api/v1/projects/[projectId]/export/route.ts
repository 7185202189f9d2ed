import { ExportQueryError, ObjectId, parseExportQuery } from '@captionary/shared';
import { serverEnv } from '../../../../../../env';
import { AppError, notFound } from '../../../../../../server/errors';
import { apiKeyRoute } from '../../../../../../server/rest/api-key-route';
import { streamExport } from '../../../../../../server/services/exports/stream-export';

// Streams for as long as the client reads; never cached or pre-rendered.
export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/projects/:projectId/export?format=labelbox-ndjson|coco-captions|jsonl
 * &status=&step=&since=&until=&reviewer=&job=&model=: the project's labels (approved only unless
 * `status` says otherwise) streamed as a file download (the server gzips it when accepted).
 */
export const GET = apiKeyRoute<{ projectId: string }>(
  'REVIEWER',
  async ({ db, actor, params, request }) => {
    // A malformed id cannot name any project: same 404 as another team's id.
    const projectId = ObjectId.safeParse(params.projectId);
    if (!projectId.success) throw notFound('Project');
    let query;
    try {
      query = parseExportQuery(new URL(request.url).searchParams);
    } catch (error) {
      if (error instanceof ExportQueryError) throw new AppError('INVALID_INPUT', error.message);
      throw error;
    }
    return streamExport(
      { db, databaseUrl: serverEnv().DATABASE_URL },
      actor,
      { projectId: projectId.data, format: query.format, filters: query.filters },
      { signal: request.signal },
    );
  },
);
