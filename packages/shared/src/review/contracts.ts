// The review flow's contract between the server (queues, claims, transitions) and the caption
// editor. tRPC procedures under `review.*` and the REST routes of DESIGN.md take these inputs and
// return these shapes.
import { z } from 'zod';
import { WorkflowConfig } from '../workflow/config';
import { LintRules, QueueLintFilter } from './lint-rules';

/** Longest caption accepted anywhere; longer input is refused with this limit in the message. */
export const MAX_CAPTION_LENGTH = 2000;
/** Longest review comment. */
export const MAX_COMMENT_LENGTH = 2000;

const Id = z.string().uuid();
/** A caption as people type it: trimmed, not empty, within the limit; any Unicode kept as is. */
export const CaptionText = z
  .string()
  .trim()
  .min(1, 'A caption cannot be empty')
  .max(MAX_CAPTION_LENGTH, `Captions are limited to ${MAX_CAPTION_LENGTH} characters`);
/** The work item's version the client last read; a stale one is a conflict (409). */
const Version = z.number().int().min(1);

export const ClaimNextInput = z.object({
  projectId: Id,
  stepId: z.string().min(1).max(40),
  /** Only items whose caption has lint hits (any, or of this rule); held items come first anyway. */
  lint: QueueLintFilter.optional(),
});
/** The REST claim's optional filter (query parameters or JSON body). */
export const ClaimFilter = z.strictObject({
  lint: QueueLintFilter.optional().describe(
    'Only items whose caption has lint hits: `any`, or the name of one rule',
  ),
});
export type ClaimFilter = z.infer<typeof ClaimFilter>;
/** The per-step counts of a project, optionally counting only items that match a lint filter. */
export const QueueCountsInput = z.object({ projectId: Id, lint: QueueLintFilter.optional() });
export const WorkItemRef = z.object({ itemId: Id });
export const SubmitInput = z.object({ itemId: Id, version: Version, caption: CaptionText });
/** A reviewer approves, optionally with their own edit of the caption. */
export const ApproveInput = z.object({
  itemId: Id,
  version: Version,
  caption: CaptionText.optional(),
});
/** Reject needs a comment; the rework step shows it to the labeler. */
export const RejectInput = z.object({
  itemId: Id,
  version: Version,
  comment: z.string().trim().min(1, 'Say what to fix').max(MAX_COMMENT_LENGTH),
});
export const AssignInput = z.object({ itemId: Id, userId: Id.nullable() });
export type ClaimNextInput = z.infer<typeof ClaimNextInput>;
export type QueueCountsInput = z.infer<typeof QueueCountsInput>;
export type SubmitInput = z.infer<typeof SubmitInput>;
export type ApproveInput = z.infer<typeof ApproveInput>;
export type RejectInput = z.infer<typeof RejectInput>;
export type WorkItemRef = z.infer<typeof WorkItemRef>;
export type AssignInput = z.infer<typeof AssignInput>;

/** An admin replaces a project's workflow; items in steps it no longer has are re-routed. */
export const UpdateWorkflowInput = z.object({ projectId: Id, workflow: WorkflowConfig });
export type UpdateWorkflowInput = z.infer<typeof UpdateWorkflowInput>;
/** An admin replaces a project's caption lint rules. */
export const UpdateLintRulesInput = z.object({ projectId: Id, rules: LintRules });
export type UpdateLintRulesInput = z.infer<typeof UpdateLintRulesInput>;

/** Where submit, approve or reject left the item (its claim has ended). */
export interface TransitionResult {
  itemId: string;
  version: number;
  step: { id: string; name: string; type: 'label' | 'review' | 'rework' | 'done' };
  status: 'QUEUED' | 'DONE';
  labelStatus: 'SUBMITTED' | 'APPROVED' | 'REJECTED';
}

/** Where a caption came from, shown next to it in the editor. */
export interface PrelabelProvenance {
  caption: string;
  score: number;
  modelName: string;
  modelChecksum: string;
  tiny: boolean;
  params: Record<string, unknown>;
  latencyMs: number;
  jobId: string;
  createdAt: string;
}

export interface RevisionView {
  id: string;
  action: 'PRELABEL' | 'EDIT' | 'SUBMIT' | 'APPROVE' | 'REJECT' | 'REROUTE';
  stepId: string | null;
  actor: { id: string; name: string } | null;
  before: string | null;
  after: string | null;
  comment: string | null;
  createdAt: string;
}

/** Everything the caption editor shows for one claimed item. */
export interface WorkItemView {
  id: string;
  projectId: string;
  version: number;
  step: { id: string; name: string; type: 'label' | 'review' | 'rework' | 'done' };
  status: 'QUEUED' | 'CLAIMED' | 'DONE';
  claimedBy: { id: string; name: string } | null;
  leaseExpiresAt: string | null;
  row: {
    id: string;
    externalId: string;
    width: number;
    height: number;
    imageUrl: string;
    thumbUrl: string;
  };
  caption: {
    text: string;
    status: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED';
    byModel: boolean;
  };
  prelabel: PrelabelProvenance | null;
  instructions: string;
  history: RevisionView[];
  /** Review comments, newest first (a rejected item shows why). */
  comments: {
    id: string;
    body: string;
    stepId: string;
    author: string | null;
    createdAt: string;
  }[];
}

/** Per-step queue sizes for the signed-in person. */
export interface StepQueueCounts {
  stepId: string;
  name: string;
  type: 'label' | 'review' | 'rework' | 'done';
  /** Items waiting (unclaimed or with an expired lease); with a lint filter, those that match. */
  queued: number;
  /**
   * With a lint filter: waiting items whose caption has not been checked against the current
   * rules yet (they are checked as the queue is worked); they may match too.
   */
  unchecked?: number;
  /** Items this person holds now. */
  claimedByMe: number;
  /** Items this person finished in this step (last 24 h). */
  doneByMe: number;
  /** Whether this person may work the step. */
  canWork: boolean;
}

/**
 * Body of a 409: the item as it is now, so the client can reload or merge. REST sends it beside
 * `error` in the body; tRPC sends it as `error.data.current`.
 */
export interface ConflictDetails {
  current: WorkItemView;
}
