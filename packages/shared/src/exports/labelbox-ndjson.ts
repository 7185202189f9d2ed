// One line of a `labelbox-ndjson` export: the shape Labelbox's export uses (data row, then labels
// per project with text classifications), plus the review details of this platform.
import { z } from 'zod';

/** Name of the text classification that carries the caption, as in Labelbox's example. */
export const CAPTION_CLASSIFICATION_NAME = 'caption';

const Instant = z.iso.datetime();

/** A text classification, `{ name, text_answer: { content } }` as Labelbox writes it. */
export const LabelboxTextClassification = z.object({
  name: z.string(),
  text_answer: z.object({ content: z.string() }),
});

/** One approve or reject decision on the label, oldest first. */
export const LabelboxReview = z.object({
  /** Email of the member who decided; null when the account was deleted. */
  reviewer: z.string().nullable(),
  action: z.enum(['APPROVE', 'REJECT']),
  at: Instant,
  comment: z.string().nullable(),
});

/** The model caption the label started from, with the exact model build that wrote it. */
export const LabelboxPrelabel = z.object({
  content: z.string(),
  model_name: z.string(),
  model_checksum: z.string(),
  score: z.number(),
});

export const LabelboxLabel = z.object({
  id: z.string(),
  annotations: z.object({
    objects: z.array(z.never()),
    classifications: z.array(LabelboxTextClassification).min(1),
    relationships: z.array(z.never()),
  }),
  label_details: z.object({
    /** Email of the member who wrote the caption; null while it is the model's pre-label. */
    created_by: z.string().nullable(),
    created_at: Instant,
    updated_at: Instant,
    reviews: z.array(LabelboxReview),
    /** The label's state (APPROVED, SUBMITTED, DRAFT, REJECTED). */
    workflow_status: z.string(),
    /** The workflow step the row is in. */
    workflow_step: z.string().nullable(),
    prelabel: LabelboxPrelabel.nullable(),
  }),
});

/** One data row with its label, keyed by project id like Labelbox's `projects` map. */
export const LabelboxNdjsonRow = z.object({
  data_row: z.object({
    id: z.string(),
    external_id: z.string(),
    /** Where the image lives (the source URL, path or object key). */
    row_data: z.string(),
  }),
  media_attributes: z.object({ width: z.number().int(), height: z.number().int() }),
  projects: z.record(z.string(), z.object({ labels: z.array(LabelboxLabel).min(1) })),
});
export type LabelboxNdjsonRow = z.infer<typeof LabelboxNdjsonRow>;
