import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './document';

const APP_API = fileURLToPath(new URL('../../app/api', import.meta.url));
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every `route.ts` below `dir`, as `METHOD /api/...{param}` strings. */
function routeOperations(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...routeOperations(full));
    else if (entry.name === 'route.ts') {
      const source = readFileSync(full, 'utf8');
      const routePath = `/api/${path.relative(APP_API, path.dirname(full))}`
        .split(path.sep)
        .join('/')
        .replace(/\[(\w+)\]/g, '{$1}');
      for (const method of METHODS) {
        if (new RegExp(`export (const|async function|function) ${method}\\b`).test(source)) {
          found.push(`${method} ${routePath}`);
        }
      }
    }
  }
  return found;
}

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument();
  const documented = Object.entries(document.paths).flatMap(([routePath, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${routePath}`),
  );

  it('describes every REST route, and only routes that exist', () => {
    const routes = [
      ...routeOperations(path.join(APP_API, 'v1')),
      ...routeOperations(path.join(APP_API, 'health')),
    ].filter((operation) => operation !== 'GET /api/v1/openapi.json');
    expect(documented.sort()).toEqual(routes.sort());
  });

  it('resolves every schema reference to a component', () => {
    const text = JSON.stringify(document);
    const references = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (match) => match[1]!,
    );
    expect(references.length).toBeGreaterThan(0);
    for (const name of new Set(references)) {
      expect(document.components.schemas, name).toHaveProperty(name);
    }
    expect(text).not.toContain('#/$defs/');
  });

  it('documents the export’s formats, filters and errors', () => {
    const exportOperation = document.paths['/api/v1/projects/{projectId}/export']!.get as {
      parameters: { name: string; in: string; required: boolean; schema: { enum?: string[] } }[];
      responses: Record<string, unknown>;
    };
    const query = exportOperation.parameters.filter((parameter) => parameter.in === 'query');
    expect(query.map((parameter) => parameter.name)).toEqual([
      'format',
      'status',
      'step',
      'since',
      'until',
      'reviewer',
      'job',
      'model',
    ]);
    expect(query[0]).toMatchObject({
      required: true,
      schema: { enum: ['labelbox-ndjson', 'coco-captions', 'jsonl'] },
    });
    expect(Object.keys(exportOperation.responses)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '429',
    ]);
  });

  it('takes request bodies from the schemas the routes parse with', () => {
    const create = document.paths['/api/v1/projects']!.post as {
      requestBody: {
        content: { 'application/json': { schema: { properties: object; required: string[] } } };
      };
    };
    const schema = create.requestBody.content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual(['name', 'description']);
    expect(schema.required).toEqual(['name']);
  });
});
