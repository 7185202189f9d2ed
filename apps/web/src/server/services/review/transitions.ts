// The workflow's transitions: submit (label and rework steps), approve and reject (review steps).
// Each one reads the item, checks version and claim, routes it, then in one guarded statement
// writes the label, appends exactly one revision and moves the item, bumping its version by one —
// so an item's revisions since its pre-label always number its version minus one. No explicit
// transaction: a read and one write are two round trips where BEGIN, lock, write, COMMIT were four.
import { Prisma, type Db } from '@captionary/db';
import {
  type ApproveInput,
  type RejectInput,
  type SubmitInput,
  type TransitionResult,
  type WorkflowStep,
} from '@captionary/shared';
import {
  assertMayTransition,
  readTransitionItem,
  withConflictDetails,
  type TransitionItem,
} from './transition-item';
import { enqueueWebhookDeliveries } from '../webhooks/webhook-delivery-queue';
import { getWebhookDeliveryQueue } from '../webhooks/webhook-producer';
import { projectEventDeliveriesSql } from '../webhooks/emit';
import { keyedLintRules, lintHitRules } from './queue-lint';
import type { Reviewer } from './reviewer';
import { workflowIsCurrent } from './workflow-lock';
import { nextStepForward, stepOfType, type RoutingFacts } from './workflow-routing';

interface LabelWrite {
  caption: string;
  /** The rules the caption breaks, stored on the item for lint queue filters. */
  lint: CaptionLint;
  captionAuthorId: string | null;
  action: 'SUBMIT' | 'APPROVE' | 'REJECT';
  comment: string | null;
  next: WorkflowStep;
  labelStatus: TransitionResult['labelStatus'];
}

/** The caption's author after `reviewer` saves `caption`: they become it only if they changed it. */
function authorAfter(item: TransitionItem, reviewer: Reviewer, caption: string): string | null {
  return caption === item.caption ? item.captionAuthorId : reviewer.userId;
}

interface CaptionLint {
  hits: string[];
  rulesKey: string;
}

function lintOf(item: TransitionItem, caption: string): CaptionLint {
  const { rules, key } = keyedLintRules(item.lintRules);
  return { hits: lintHitRules(caption, rules, item.prelabel), rulesKey: key };
}

function routingFacts(
  item: TransitionItem,
  caption: string,
  authorId: string | null,
  lint: CaptionLint,
): RoutingFacts {
  return {
    captionAuthorId: authorId,
    changedFromPrelabel: item.prelabel === null || caption !== item.prelabel,
    lintHitCount: lint.hits.length,
    captionCreatedAt: item.captionCreatedAt,
  };
}

/**
 * What saving `caption` and moving the item forward writes (submit, approve): its author and lint,
 * the next step whose filter it matches, and the label's status there (APPROVED once done).
 */
function forwardWrite(
  item: TransitionItem,
  reviewer: Reviewer,
  caption: string,
  action: 'SUBMIT' | 'APPROVE',
): LabelWrite {
  const captionAuthorId = authorAfter(item, reviewer, caption);
  const lint = lintOf(item, caption);
  const next = nextStepForward(
    item.workflow,
    item.stepId,
    routingFacts(item, caption, captionAuthorId, lint),
  );
  return {
    caption,
    lint,
    captionAuthorId,
    action,
    comment: null,
    next,
    labelStatus: next.type === 'done' ? 'APPROVED' : 'SUBMITTED',
  };
}

interface AppliedTransition {
  result: TransitionResult;
  /** Webhook deliveries recorded with the change, to queue once it has committed. */
  deliveryIds: string[];
}

/**
 * Writes the label, its one revision, the rework comment if any, moves the item, and records the
 * webhook event (label.approved or label.updated): one statement, so one implicit transaction and
 * one round trip. Every part is conditional on the item and its label being as `item` read them
 * (versions, step, claim) and on the project's workflow still being the one routing used; the
 * first part locks both rows, so concurrent writers queue there and find their version stale.
 * Returns null when anything changed, having written nothing.
 */
async function applyTransition(
  db: Db,
  item: TransitionItem,
  reviewer: Reviewer,
  write: LabelWrite,
): Promise<AppliedTransition | null> {
  const done = write.next.type === 'done';
  const approved = write.labelStatus === 'APPROVED';
  const reviewComment = write.action === 'REJECT' ? write.comment : null;
  const version = item.version + 1;
  const unchanged = Prisma.sql`EXISTS (SELECT 1 FROM checked)`;
  const event = projectEventDeliveriesSql(
    item.projectId,
    approved ? 'label.approved' : 'label.updated',
    {
      label_id: item.labelId,
      work_item_id: item.id,
      caption: write.caption,
      status: write.labelStatus,
      action: write.action,
      step: write.next.id,
      version,
      actor_id: reviewer.userId,
    },
    unchanged,
  );
  // The workflow check takes the workflow lock before the row locks, as workflow changes do.
  // Data-modifying CTEs all run, whatever the final statement reads.
  const [moved] = await db.$queryRaw<{ version: number | null; deliveryIds: string[] }[]>`
    WITH checked AS (
      SELECT w.id FROM "WorkItem" w, "Label" l
      WHERE w.id = ${item.id}::uuid AND w.version = ${item.version} AND w."stepId" = ${item.stepId}
        AND w.status = 'CLAIMED' AND w."claimedById" = ${reviewer.userId}::uuid
        AND l.id = ${item.labelId}::uuid AND l.version = ${item.labelVersion}
        AND ${workflowIsCurrent(item.projectId, item.workflowConfig)}
      FOR UPDATE OF w, l
    ), label AS (
      UPDATE "Label"
      SET caption = ${write.caption}, status = ${write.labelStatus}::"LabelStatus",
          "createdById" = ${write.captionAuthorId}::uuid, version = version + 1,
          "approvedAt" = CASE WHEN ${approved} THEN now() ELSE "approvedAt" END, "updatedAt" = now()
      WHERE id = ${item.labelId}::uuid AND ${unchanged}
      RETURNING id
    ), revision AS (
      INSERT INTO "LabelRevision" ("labelId", "actorId", action, "stepId", before, after, comment)
      SELECT ${item.labelId}::uuid, ${reviewer.userId}::uuid, ${write.action}::"RevisionAction",
             ${item.stepId}, ${item.caption}, ${write.caption}, ${write.comment}
      WHERE ${unchanged}
      RETURNING id
    ), comment AS (
      INSERT INTO "ReviewComment" ("workItemId", "authorId", "stepId", body)
      SELECT ${item.id}::uuid, ${reviewer.userId}::uuid, ${item.stepId}, ${reviewComment}::text
      WHERE ${reviewComment}::text IS NOT NULL AND ${unchanged}
      RETURNING id
    ), deliveries AS (${event}
    ), moved AS (
      UPDATE "WorkItem"
      SET "stepId" = ${write.next.id}, status = ${done ? 'DONE' : 'QUEUED'}::"WorkItemStatus",
          "claimedById" = NULL, "leaseExpiresAt" = NULL, "assignedToId" = NULL,
          version = version + 1, "enteredStepAt" = now(), "updatedAt" = now(),
          "lintHits" = ${write.lint.hits}::text[], "lintRulesKey" = ${write.lint.rulesKey}
      WHERE id = ${item.id}::uuid AND ${unchanged}
      RETURNING version
    )
    SELECT (SELECT version FROM moved) AS version,
           ARRAY(SELECT id FROM deliveries) AS "deliveryIds"`;
  if (moved?.version == null) return null;
  if (moved.version !== version) {
    throw new Error(`work item ${item.id} moved to version ${moved.version}, not ${version}`);
  }
  const result: TransitionResult = {
    itemId: item.id,
    version,
    step: { id: write.next.id, name: write.next.name, type: write.next.type },
    status: done ? 'DONE' : 'QUEUED',
    labelStatus: write.labelStatus,
  };
  return { result, deliveryIds: moved.deliveryIds };
}

interface TransitionRequest {
  itemId: string;
  /** The item's version the caller acted on. */
  version: number;
  /** The step types the transition applies to, and what it does, for the refusal. */
  allowed: WorkflowStep['type'][];
  action: 'submitted' | 'approved' | 'rejected';
  /** What the transition writes, given the item as read. */
  write: (item: TransitionItem) => LabelWrite;
  /** The item as read moments ago, if the caller already has it (REST prefetch). */
  read?: TransitionItem;
}

/**
 * Reads tried before giving up on an item that changes between every read and write (each change
 * in between is a new version, claim, pre-label or workflow, which the next read sees).
 */
const MAX_ATTEMPTS = 3;

/** Reads, checks and writes the item (again if it changed in between), then queues webhooks. */
async function runTransition(
  db: Db,
  reviewer: Reviewer,
  request: TransitionRequest,
): Promise<TransitionResult> {
  const { result, deliveryIds } = await withConflictDetails(db, reviewer.teamId, async () => {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const item =
        attempt === 1 && request.read?.id === request.itemId
          ? request.read
          : await readTransitionItem(db, reviewer.teamId, request.itemId);
      assertMayTransition(item, reviewer, request.version, request.allowed, request.action);
      const applied = await applyTransition(db, item, reviewer, request.write(item));
      if (applied) return applied;
    }
    throw new Error(`work item ${request.itemId} changed during each of ${MAX_ATTEMPTS} writes`);
  });
  if (deliveryIds.length) {
    // The deliveries are stored; a queue outage only delays them (the webhook sweep re-queues).
    await enqueueWebhookDeliveries(getWebhookDeliveryQueue(), deliveryIds).catch((error) =>
      console.error('queueing label webhook deliveries failed', error),
    );
  }
  return result;
}

/**
 * A labeler submits their caption (label step) or their fix (rework step). The item goes to the
 * first review step whose filter it matches; when none does, no review applies and it is done.
 */
export async function submitItem(
  db: Db,
  reviewer: Reviewer,
  input: SubmitInput,
  read?: TransitionItem,
): Promise<TransitionResult> {
  return runTransition(db, reviewer, {
    read,
    itemId: input.itemId,
    version: input.version,
    allowed: ['label', 'rework'],
    action: 'submitted',
    write: (item) => {
      const write = forwardWrite(item, reviewer, input.caption, 'SUBMIT');
      return write.next.type === 'done'
        ? { ...write, comment: 'No review step applies; done without review' }
        : write;
    },
  });
}

/**
 * A reviewer approves, optionally with their own edit. The item goes to the next review step
 * whose filter it matches; after the last one it is done and the label APPROVED.
 */
export async function approveItem(
  db: Db,
  reviewer: Reviewer,
  input: ApproveInput,
  read?: TransitionItem,
): Promise<TransitionResult> {
  return runTransition(db, reviewer, {
    read,
    itemId: input.itemId,
    version: input.version,
    allowed: ['review'],
    action: 'approved',
    write: (item) => forwardWrite(item, reviewer, input.caption ?? item.caption, 'APPROVE'),
  });
}

/** A reviewer rejects with a comment; the item goes to the rework step, which shows it. */
export async function rejectItem(
  db: Db,
  reviewer: Reviewer,
  input: RejectInput,
  read?: TransitionItem,
): Promise<TransitionResult> {
  return runTransition(db, reviewer, {
    read,
    itemId: input.itemId,
    version: input.version,
    allowed: ['review'],
    action: 'rejected',
    write: (item) => ({
      caption: item.caption,
      lint: lintOf(item, item.caption),
      captionAuthorId: item.captionAuthorId,
      action: 'REJECT',
      comment: input.comment,
      next: stepOfType(item.workflow, 'rework'),
      labelStatus: 'REJECTED',
    }),
  });
}
