import { z } from 'zod';
import { GenerationParams } from '../generation/params';
import { ObjectId } from './common';
import { RowFilter } from './row-browser';

/** Most rows a launch may name one by one; larger selections use "all" or a filter. */
export const MAX_SELECTED_ROW_IDS = 10_000;

/** Which rows a caption job runs over. */
export const CaptionJobSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('filter'), filter: RowFilter }),
  z.object({
    kind: z.literal('rows'),
    rowIds: z
      .array(ObjectId)
      .min(1, 'Select at least one row')
      .max(MAX_SELECTED_ROW_IDS, `Select at most ${MAX_SELECTED_ROW_IDS} rows`),
  }),
]);
export type CaptionJobSelection = z.infer<typeof CaptionJobSelection>;

const ModelName = z.string().trim().min(1, 'Pick a model').max(200);

/** What the launch form (tRPC) sends, both for the dry run and for the launch itself. */
export const LaunchCaptionJobRequest = z.object({
  projectId: ObjectId,
  selection: CaptionJobSelection,
  modelName: ModelName,
  params: GenerationParams,
  /** Caption again rows that already have a prediction from this model with these params. */
  force: z.boolean().default(false),
});
export type LaunchCaptionJobRequest = z.input<typeof LaunchCaptionJobRequest>;

/**
 * Body of POST /api/v1/projects/:projectId/caption-jobs: exactly one of rowIds, all, filter.
 * Without `model`, the job uses the model that the running workers serve.
 */
export const RestLaunchCaptionJobBody = z
  .object({
    rowIds: z.array(ObjectId).min(1).max(MAX_SELECTED_ROW_IDS).optional(),
    all: z.literal(true).optional(),
    filter: RowFilter.optional(),
    model: ModelName.optional(),
    params: GenerationParams.optional(),
    force: z.boolean().default(false),
  })
  .strict()
  .refine(
    (body) => [body.rowIds, body.all, body.filter].filter((v) => v !== undefined).length === 1,
    { message: 'Send exactly one of rowIds, all: true, or filter' },
  );
export type RestLaunchCaptionJobBody = z.input<typeof RestLaunchCaptionJobBody>;

export const CaptionJobRef = z.object({ jobId: ObjectId });
export type CaptionJobRef = z.infer<typeof CaptionJobRef>;

/** A project's job history, newest first, by pages. */
export const ListCaptionJobsRequest = z.object({
  projectId: ObjectId,
  cursor: z.string().max(500).nullish(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type ListCaptionJobsRequest = z.input<typeof ListCaptionJobsRequest>;

/** A job's failed rows with their reasons, by pages. */
export const ListJobFailuresRequest = z.object({
  jobId: ObjectId,
  cursor: z.string().max(500).nullish(),
  limit: z.number().int().min(1).max(200).default(25),
});
export type ListJobFailuresRequest = z.input<typeof ListJobFailuresRequest>;
