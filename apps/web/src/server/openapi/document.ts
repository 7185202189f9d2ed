// Builds the OpenAPI 3.1 document of the REST API from the operation list and its zod schemas
// (z.toJSONSchema), so the document changes whenever the schemas do.
import {
  ApiErrorBody,
  CocoCaptions,
  EXPORT_FORMAT_DETAILS,
  JsonlRow,
  LabelboxNdjsonRow,
} from '@captionary/shared';
import { z } from 'zod';
import type { ApiOperation, OperationResponse } from './operation';
import { API_OPERATIONS } from './operations';

type JsonSchema = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; the message names what is wrong (and, for unknown fields, what is valid)',
  401: 'No API key, or an unknown or revoked one',
  403: 'The key’s role is too low',
  404: 'Absent, or belonging to another team (the two look the same)',
  409: 'The object changed meanwhile or is in a state that does not allow this',
  429: 'Too many requests with this key, or too many invalid keys from this address; Retry-After gives the seconds to wait',
  503: 'A service this needs is unavailable',
};

/** Request schemas as clients write them (defaults optional), responses as servers send them. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const generated = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    // Responses may gain fields without breaking clients; documenting them closed would lie.
    override: ({ jsonSchema: json }) => {
      if (io === 'output') delete json.additionalProperties;
    },
  });
  // Named schemas (.meta({ id })) land in `$defs`; hoist() moves them to the components.
  return JSON.parse(
    JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/'),
  ) as JsonSchema;
}

/** Moves `$defs` a schema carries into the document's components, leaving references. */
function hoist(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const {
    $defs,
    $schema: _dialect,
    ...rest
  } = schema as JsonSchema & { $defs?: Record<string, JsonSchema> };
  for (const [name, definition] of Object.entries($defs ?? {})) components[name] ??= definition;
  return rest;
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: name === 'stepId' ? { type: 'string' } : { type: 'string', format: 'uuid' },
  }));
}

function queryParameters(operation: ApiOperation, components: Record<string, JsonSchema>) {
  if (!operation.query) return [];
  const schema = hoist(jsonSchema(operation.query, 'input'), components) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

function responseObject(response: OperationResponse, components: Record<string, JsonSchema>) {
  const content: Record<string, unknown> = {};
  if (response.json) {
    content['application/json'] = {
      schema: hoist(jsonSchema(response.json, 'output'), components),
    };
  }
  for (const [mediaType, media] of Object.entries(response.media ?? {})) {
    content[mediaType] = { schema: { type: 'string', description: media.description } };
  }
  return {
    description: response.description,
    ...(Object.keys(content).length ? { content } : {}),
    ...(response.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(response.headers).map(([name, description]) => [
              name,
              { description, schema: { type: 'string' } },
            ]),
          ),
        }
      : {}),
  };
}

function operationObject(operation: ApiOperation, components: Record<string, JsonSchema>) {
  const errorStatuses = [
    // Every keyed route authenticates the key, which is rate-limited (see the README's Security).
    ...new Set([...operation.errors, ...(operation.minRole ? [401, 403, 429] : [])]),
  ].sort();
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    responses[status] = responseObject(response, components);
  }
  for (const status of errorStatuses) {
    responses[String(status)] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'Error',
      ...(status === 429
        ? { headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 } } } }
        : {}),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
    };
  }
  const body = operation.body;
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description || operation.minRole
      ? {
          description: [
            operation.description,
            operation.minRole ? `Needs a key with the ${operation.minRole} role or higher.` : null,
          ]
            .filter(Boolean)
            .join(' '),
        }
      : {}),
    ...(operation.minRole ? {} : { security: [] }),
    parameters: [...pathParameters(operation.path), ...queryParameters(operation, components)],
    ...(body
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              (body.contentTypes ?? ['application/json']).map((type) => [
                type,
                type === 'application/json'
                  ? { schema: hoist(jsonSchema(body.schema, 'input'), components) }
                  : { schema: { type: 'object', description: 'Image files, any field name' } },
              ]),
            ),
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI document of the REST API. */
export function buildOpenApiDocument(operations: ApiOperation[] = API_OPERATIONS) {
  const components: Record<string, JsonSchema> = {
    ApiError: hoist(jsonSchema(ApiErrorBody, 'output'), {}),
    // The export formats' line and document schemas, for clients that validate downloads.
    LabelboxNdjsonRow: hoist(jsonSchema(LabelboxNdjsonRow, 'output'), {}),
    CocoCaptions: hoist(jsonSchema(CocoCaptions, 'output'), {}),
    JsonlRow: hoist(jsonSchema(JsonlRow, 'output'), {}),
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    (paths[operation.path] ??= {})[operation.method] = operationObject(operation, components);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Captionary REST API',
      version: '1',
      description:
        'Machine clients of the captioning review platform. Send an API key as ' +
        '`Authorization: Bearer <key>`; errors answer `{ "error": { "code", "message" } }`. ' +
        `Export formats: ${Object.entries(EXPORT_FORMAT_DETAILS)
          .map(([name, details]) => `${name} (${details.label})`)
          .join(', ')}.`,
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
    tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A team API key' },
      },
      schemas: components,
    },
  };
}
