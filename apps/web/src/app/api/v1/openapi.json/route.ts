import { buildOpenApiDocument } from '../../../../server/openapi/document';

/** GET /api/v1/openapi.json: the REST API's OpenAPI document (public, like the API's docs). */
export function GET(): Response {
  return Response.json(buildOpenApiDocument(), {
    headers: { 'Cache-Control': 'public, max-age=300' },
  });
}
