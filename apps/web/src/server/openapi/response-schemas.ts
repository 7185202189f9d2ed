// Response bodies of the REST API as zod schemas, for the OpenAPI document. Request bodies and
// queries come straight from @captionary/shared (the schemas the routes parse with); each response
// here is tied to its service's type in drift-check.ts terms below.
import { ImportFailure, type TransitionResult } from '@captionary/shared';
import { z } from 'zod';
import type { CaptionJobView } from '../services/caption-jobs/job-view';
import type { RestClaimedItem } from '../services/review/rest-review';
import type { ImportRunSummary } from '../services/imports/import-summaries';
import type { ProjectDetail, ProjectSummary } from '../services/projects';
import type { Documents, Jsonified } from './drift-check';

const Id = z.uuid();
const Instant = z.iso.datetime();
const LabelStatusCounts = z.object({
  DRAFT: z.number().int(),
  SUBMITTED: z.number().int(),
  APPROVED: z.number().int(),
  REJECTED: z.number().int(),
});
const StepType = z.enum(['label', 'review', 'rework', 'done']);

export const ProjectSummaryBody = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string(),
    captionInstructions: z.string(),
    archivedAt: Instant.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
    counts: z.object({ dataRows: z.number().int(), labels: LabelStatusCounts }),
  })
  .meta({ id: 'ProjectSummary' });

export const ProjectDetailBody = ProjectSummaryBody.extend({
  workflow: z.object({
    steps: z.array(z.object({ id: z.string(), name: z.string(), type: StepType })),
  }),
}).meta({ id: 'ProjectDetail' });

export const CaptionJobBody = z
  .object({
    id: Id,
    projectId: Id,
    status: z.enum(['QUEUED', 'RUNNING', 'CANCELLING', 'CANCELLED', 'COMPLETED', 'FAILED']),
    modelName: z.string(),
    modelVersion: z
      .object({ name: z.string(), checksum: z.string(), tiny: z.boolean() })
      .nullable()
      .describe('The exact model build; null until a worker takes the first batch'),
    params: z.unknown().describe('Generation parameters (maxNewTokens, numBeams, prompt)'),
    force: z.boolean(),
    createdBy: z.object({ id: Id, name: z.string() }).nullable(),
    progress: z.object({
      id: Id,
      status: z.string(),
      counts: z.object({
        total: z.number().int(),
        done: z.number().int(),
        failed: z.number().int(),
        skipped: z.number().int(),
        pending: z.number().int(),
      }),
      rate: z.number().nullable().describe('Rows per second since the job started'),
      etaSeconds: z.number().nullable(),
      createdAt: Instant,
      startedAt: Instant.nullable(),
      finishedAt: Instant.nullable(),
    }),
    createdAt: Instant,
  })
  .meta({ id: 'CaptionJob' });

export const DataRowBody = z
  .object({
    id: Id,
    externalId: z.string(),
    sourceUri: z.string(),
    connectionId: Id.nullable(),
    sha256: z.string(),
    mimeType: z.string(),
    byteSize: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    removedAt: Instant.nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'DataRow' });

export const ImportRunBody = z
  .object({
    id: Id,
    projectId: Id,
    connectionId: Id,
    status: z.enum(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED']),
    totalItems: z.number().int(),
    processed: z.number().int(),
    created: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
    changed: z.number().int(),
    removed: z.number().int(),
    failures: z.array(ImportFailure),
    error: z.string().nullable(),
    createdAt: Instant,
    startedAt: Instant.nullable(),
    finishedAt: Instant.nullable(),
  })
  .meta({ id: 'ImportRun' });

/** The answer of an import done within the request. */
export const ImportOutcomeBody = z.object({
  importRunId: Id,
  status: z.string(),
  created: z.number().int(),
  skipped: z.number().int(),
  failed: z.array(ImportFailure),
});

export const ClaimedItemBody = z
  .object({
    id: Id,
    projectId: Id,
    stepId: z.string(),
    status: z.literal('CLAIMED'),
    version: z.number().int().describe('Send it back with submit, approve or reject'),
    leaseExpiresAt: Instant,
    row: z.object({
      id: Id,
      externalId: z.string(),
      width: z.number().int(),
      height: z.number().int(),
      imageUrl: z.string(),
      thumbUrl: z.string(),
    }),
    caption: z
      .object({
        text: z.string(),
        status: z.enum(['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED']),
        byModel: z.boolean(),
      })
      .nullable(),
  })
  .meta({ id: 'ClaimedWorkItem' });

export const TransitionResultBody = z
  .object({
    itemId: Id,
    version: z.number().int(),
    step: z.object({ id: z.string(), name: z.string(), type: StepType }),
    status: z.enum(['QUEUED', 'DONE']),
    labelStatus: z.enum(['SUBMITTED', 'APPROVED', 'REJECTED']),
  })
  .meta({ id: 'TransitionResult' });

// Each line fails to compile when the service's output no longer fits what is documented.
export type DocumentedResponses = [
  Documents<z.infer<typeof ProjectSummaryBody>, Jsonified<ProjectSummary>>,
  Documents<z.infer<typeof ProjectDetailBody>, Jsonified<ProjectDetail>>,
  Documents<z.infer<typeof CaptionJobBody>, Jsonified<CaptionJobView>>,
  Documents<z.infer<typeof ImportRunBody>, Jsonified<ImportRunSummary>>,
  Documents<z.infer<typeof ClaimedItemBody>, Jsonified<RestClaimedItem>>,
  Documents<z.infer<typeof TransitionResultBody>, Jsonified<TransitionResult>>,
];
