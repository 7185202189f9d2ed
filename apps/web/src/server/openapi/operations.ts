// Every /api/v1 operation. Request schemas are the ones the routes parse with; a unit test
// checks this list against the route files, so a route cannot be added without describing it.
import {
  CreateProjectRequest,
  EXPORT_FORMAT_DETAILS,
  EXPORT_FORMATS,
  ExportLabelStatus,
  ExportFormatName,
  ImportUrlsRequest,
  ListDataRowsQuery,
  RestLaunchCaptionJobBody,
  ApproveInput,
  ClaimFilter,
  RejectInput,
  SubmitInput,
  ObjectId,
  HealthReport,
} from '@captionary/shared';
import { z } from 'zod';
import type { ApiOperation } from './operation';
import { SYNC_WEBHOOK_OPERATIONS } from './sync-webhook-operations';
import {
  CaptionJobBody,
  ClaimedItemBody,
  DataRowBody,
  ImportOutcomeBody,
  ImportRunBody,
  ProjectDetailBody,
  ProjectSummaryBody,
  TransitionResultBody,
} from './response-schemas';

/** What each format's body holds (its schema is in the components). */
const EXPORT_FORMAT_CONTENTS: Record<(typeof EXPORT_FORMATS)[number], string> = {
  'labelbox-ndjson': 'one LabelboxNdjsonRow per line',
  'coco-captions': 'one CocoCaptions document',
  jsonl: 'one JsonlRow per line',
};

const Cursor = z.string().optional().describe('The `nextCursor` of the previous page');

/** The REST export's query: the same fields as ExportFilters, as query-string text. */
const ExportQueryParameters = z.object({
  format: ExportFormatName,
  status: z
    .string()
    .optional()
    .describe(
      `Comma-separated label states among ${ExportLabelStatus.options.join(', ')}; default APPROVED`,
    ),
  step: z.string().optional().describe('Workflow step id the row is in'),
  since: z.string().optional().describe('Labels changed at or after (ISO 8601 date or date-time)'),
  until: z.string().optional().describe('Labels changed before (ISO 8601 date or date-time)'),
  reviewer: ObjectId.optional().describe('Labels this member approved'),
  job: ObjectId.optional().describe('Labels that started from this caption job’s pre-labels'),
  model: ObjectId.optional().describe('Labels that started from this model version’s pre-labels'),
});

export const API_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/health',
    operationId: 'getHealth',
    tag: 'Health',
    summary: 'Database, Redis, worker and model status (no key needed)',
    minRole: null,
    responses: {
      200: { description: 'Everything answers', json: HealthReport },
      503: { description: 'The database or Redis does not answer', json: HealthReport },
    },
    errors: [],
  },
  {
    method: 'get',
    path: '/api/v1/projects',
    operationId: 'listProjects',
    tag: 'Projects',
    summary: 'The key’s team’s active projects with counts',
    minRole: 'LABELER',
    responses: {
      200: { description: 'Projects', json: z.object({ projects: z.array(ProjectSummaryBody) }) },
    },
    errors: [],
  },
  {
    method: 'post',
    path: '/api/v1/projects',
    operationId: 'createProject',
    tag: 'Projects',
    summary: 'Creates a project with the default workflow',
    minRole: 'ADMIN',
    body: { schema: CreateProjectRequest },
    responses: {
      201: { description: 'Created', json: z.object({ project: ProjectDetailBody }) },
    },
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/v1/projects/{projectId}',
    operationId: 'getProject',
    tag: 'Projects',
    summary: 'A project with its workflow steps and counts',
    minRole: 'LABELER',
    responses: {
      200: { description: 'The project', json: z.object({ project: ProjectDetailBody }) },
    },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/projects/{projectId}/data-rows',
    operationId: 'listDataRows',
    tag: 'Data',
    summary: 'A project’s rows in id order, by pages of up to 1000',
    minRole: 'LABELER',
    query: ListDataRowsQuery,
    responses: {
      200: {
        description: 'One page',
        json: z.object({ rows: z.array(DataRowBody), nextCursor: ObjectId.nullable() }),
      },
    },
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/api/v1/projects/{projectId}/data-rows',
    operationId: 'importDataRows',
    tag: 'Data',
    summary: 'Imports images from URLs (JSON) or uploaded files (multipart)',
    description:
      'Up to 1000 URLs or files are imported within the request (200); longer URL lists run in ' +
      'the background (202) — poll the import run.',
    minRole: 'ADMIN',
    body: { schema: ImportUrlsRequest, contentTypes: ['application/json', 'multipart/form-data'] },
    responses: {
      200: { description: 'Imported within the request', json: ImportOutcomeBody },
      202: {
        description: 'Queued as a background import',
        json: z.object({
          importRunId: ObjectId,
          status: z.literal('QUEUED'),
          totalItems: z.number(),
        }),
      },
    },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/v1/projects/{projectId}/import-runs/{runId}',
    operationId: 'getImportRun',
    tag: 'Data',
    summary: 'An import run’s status, counts and first failures',
    minRole: 'LABELER',
    responses: {
      200: { description: 'The run', json: z.object({ importRun: ImportRunBody }) },
    },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/projects/{projectId}/caption-jobs',
    operationId: 'listCaptionJobs',
    tag: 'Caption jobs',
    summary: 'A project’s caption jobs, newest first',
    minRole: 'LABELER',
    query: z.object({ cursor: Cursor, limit: z.number().int().min(1).max(100).optional() }),
    responses: {
      200: {
        description: 'One page',
        json: z.object({ jobs: z.array(CaptionJobBody), nextCursor: z.string().nullable() }),
      },
    },
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/api/v1/projects/{projectId}/caption-jobs',
    operationId: 'launchCaptionJob',
    tag: 'Caption jobs',
    summary: 'Plans and enqueues a caption job over rows, all rows, or a filter',
    minRole: 'ADMIN',
    body: { schema: RestLaunchCaptionJobBody },
    responses: { 201: { description: 'Launched', json: z.object({ job: CaptionJobBody }) } },
    errors: [400, 404, 409, 503],
  },
  {
    method: 'get',
    path: '/api/v1/caption-jobs/{jobId}',
    operationId: 'getCaptionJob',
    tag: 'Caption jobs',
    summary: 'A job’s status, counts, rate and ETA',
    minRole: 'LABELER',
    responses: { 200: { description: 'The job', json: z.object({ job: CaptionJobBody }) } },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/caption-jobs/{jobId}/cancel',
    operationId: 'cancelCaptionJob',
    tag: 'Caption jobs',
    summary: 'Stops the job between batches',
    minRole: 'ADMIN',
    responses: { 200: { description: 'Cancelling', json: z.object({ job: CaptionJobBody }) } },
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/api/v1/caption-jobs/{jobId}/retry-failed',
    operationId: 'retryFailedCaptionJobRows',
    tag: 'Caption jobs',
    summary: 'Runs the job’s failed rows again',
    minRole: 'ADMIN',
    responses: { 200: { description: 'Requeued', json: z.object({ job: CaptionJobBody }) } },
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/api/v1/projects/{projectId}/steps/{stepId}/claim',
    operationId: 'claimWorkItem',
    tag: 'Review',
    summary: 'Claims the next item of a workflow step with a lease',
    description:
      'The key acts as the member who created it. The filter may also be sent as a JSON body ' +
      '(`{"lint": "any"}`).',
    minRole: 'LABELER',
    query: ClaimFilter,
    responses: {
      200: { description: 'The claimed item', json: z.object({ item: ClaimedItemBody }) },
      204: { description: 'No (matching) item waits' },
    },
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/api/v1/work-items/{itemId}/submit',
    operationId: 'submitWorkItem',
    tag: 'Review',
    summary: 'Submits a caption for review',
    minRole: 'LABELER',
    body: { schema: SubmitInput.omit({ itemId: true }) },
    responses: {
      200: { description: 'Submitted', json: z.object({ item: TransitionResultBody }) },
    },
    errors: [400, 404, 409],
  },
  {
    method: 'post',
    path: '/api/v1/work-items/{itemId}/approve',
    operationId: 'approveWorkItem',
    tag: 'Review',
    summary: 'Approves the caption, optionally with the reviewer’s own edit',
    minRole: 'LABELER',
    body: { schema: ApproveInput.omit({ itemId: true }) },
    responses: { 200: { description: 'Approved', json: z.object({ item: TransitionResultBody }) } },
    errors: [400, 404, 409],
  },
  {
    method: 'post',
    path: '/api/v1/work-items/{itemId}/reject',
    operationId: 'rejectWorkItem',
    tag: 'Review',
    summary: 'Rejects the caption with a comment; the item goes to rework',
    minRole: 'LABELER',
    body: { schema: RejectInput.omit({ itemId: true }) },
    responses: { 200: { description: 'Rejected', json: z.object({ item: TransitionResultBody }) } },
    errors: [400, 404, 409],
  },
  {
    method: 'get',
    path: '/api/v1/projects/{projectId}/export',
    operationId: 'exportLabels',
    tag: 'Exports',
    summary:
      'Streams the project’s labels as a file (approved only unless `status` says otherwise)',
    description:
      'One consistent snapshot, streamed as it is read, in external id order; gzipped when ' +
      '`Accept-Encoding` allows. Each export is recorded with its key, filters and row count. ' +
      'Unknown parameters are refused with the list of valid ones.',
    minRole: 'REVIEWER',
    query: ExportQueryParameters,
    responses: {
      200: {
        description: 'The export file',
        media: Object.fromEntries(
          EXPORT_FORMATS.map((format) => [
            EXPORT_FORMAT_DETAILS[format].contentType.split(';')[0]!,
            { description: `${format}: ${EXPORT_FORMAT_CONTENTS[format]}` },
          ]),
        ),
        headers: {
          'Content-Disposition':
            'attachment; filename="<project>-<format>-<yyyymmdd-hhmmss>.<ext>"',
          'X-Export-Id': 'Id of the Export record',
          'Content-Encoding': 'gzip, when the request accepts it',
        },
      },
    },
    errors: [400, 404],
  },
  ...SYNC_WEBHOOK_OPERATIONS,
];
