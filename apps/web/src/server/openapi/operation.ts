import type { TeamRole } from '@captionary/shared';
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/** One answer of an operation: a JSON body (zod), another media type, or no body. */
export interface OperationResponse {
  description: string;
  json?: z.ZodType;
  /** Non-JSON bodies (file downloads), by media type. */
  media?: Record<string, { description: string }>;
  headers?: Record<string, string>;
}

/** One REST operation as the OpenAPI document describes it. */
export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/api/v1/projects/{projectId}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /** Lowest API-key role allowed; null for routes that need no key. */
  minRole: TeamRole | null;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; contentTypes?: string[] };
  /** Successful answers by status; error answers are added from `errors`. */
  responses: Record<number, OperationResponse>;
  /** Error statuses this operation answers besides 401/403/429 (which every keyed route may). */
  errors: number[];
}
