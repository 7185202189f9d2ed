// Queue operations on work items: claim the next one with a lease, release, skip, assign. A claim
// is one SQL statement: `FOR UPDATE SKIP LOCKED` over the queue index, so concurrent claimers never
// wait for each other and never get the same item.
import { Prisma, type Db } from '@captionary/db';
import type { QueueLintFilter } from '@captionary/shared';
import { AppError, notFound } from '../../errors';
import type { DbClient } from '../actor';
import { recordAudit } from '../audit';
import { checkUncheckedItems, keyedLintRules, lintFilterCondition } from './queue-lint';
import type { Reviewer } from './reviewer';
import { assertCanWorkStep, findStep, parseStoredWorkflow } from './workflow-routing';

/** The claimed item, with what a machine client needs to caption it (no history). */
export interface ClaimedItem {
  id: string;
  projectId: string;
  stepId: string;
  status: 'CLAIMED';
  version: number;
  leaseExpiresAt: string;
  row: { id: string; externalId: string; width: number; height: number };
  caption: {
    text: string;
    status: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED';
    byModel: boolean;
  } | null;
}

interface ClaimRow {
  id: string;
  version: number;
  leaseExpiresAt: Date;
  rowId: string;
  externalId: string;
  width: number;
  height: number;
  caption: string | null;
  labelStatus: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | null;
  captionAuthorId: string | null;
}

/**
 * Lets the current transaction commit without waiting for its WAL flush. Only for claim state
 * (claims, releases, skips): should the database crash within the next fraction of a second, such
 * a change may be lost, which leaves the item queued exactly as an expired lease would; captions,
 * approvals and history are never written this way. It saves a disk flush per claim (milliseconds
 * on ordinary disks), the largest part of a claim's cost. (The claim statement sets the same
 * inside itself, to stay one round trip.)
 */
function skipCommitFlush(db: DbClient) {
  return db.$executeRaw`SET LOCAL synchronous_commit = off`;
}

/** Items checked against the lint rules per round while a lint-filtered queue finds none. */
const LINT_CHECK_BATCH = 500;

/** What claiming in a project needs from it. */
export interface QueueProject {
  id: string;
  workflowConfig: unknown;
  lintRules: unknown;
}

/** The team's project's stored workflow and lint rules; NOT_FOUND for anyone else's. */
export async function readQueueProject(
  db: DbClient,
  teamId: string,
  projectId: string,
): Promise<QueueProject> {
  const project = await db.project.findFirst({
    where: { id: projectId, teamId },
    select: { id: true, workflowConfig: true, lintRules: true },
  });
  if (!project) throw notFound('Project');
  return project;
}

/** Checks that the step is in the project's workflow and that the reviewer may work it. */
function assertMayWorkQueue(project: QueueProject, reviewer: Reviewer, stepId: string): void {
  const step = findStep(parseStoredWorkflow(project.workflowConfig), stepId);
  if (!step) throw notFound('Workflow step');
  assertCanWorkStep(step, reviewer);
}

/**
 * Claims the next item of a step for the reviewer, or returns null when the queue is empty.
 * In order: the item the reviewer already holds in this step (its lease renewed, so reloading
 * the editor does not claim a second one), an item an admin assigned to them, an item whose
 * lease expired, then the oldest waiting item. Items assigned to someone else are left alone.
 * With a lint filter, only items whose caption breaks lint rules (any, or the named one) are
 * taken; unchecked captions are checked a batch at a time until one matches or none is left.
 * `project` is the project as read moments ago, when the caller already has it (REST prefetch).
 */
export async function claimNextItem(
  db: Db,
  reviewer: Reviewer,
  ref: { projectId: string; stepId: string; lint?: QueueLintFilter },
  leaseMs: number,
  project?: QueueProject,
): Promise<ClaimedItem | null> {
  const queueProject =
    project?.id === ref.projectId
      ? project
      : await readQueueProject(db, reviewer.teamId, ref.projectId);
  assertMayWorkQueue(queueProject, reviewer, ref.stepId);
  if (!ref.lint) return claimOnce(db, reviewer, ref, leaseMs, Prisma.sql`TRUE`);
  const lint = keyedLintRules(queueProject.lintRules);
  const matches = lintFilterCondition(ref.lint, lint.key);
  for (;;) {
    const claimed = await claimOnce(db, reviewer, ref, leaseMs, matches);
    if (claimed) return claimed;
    if ((await checkUncheckedItems(db, ref, lint, LINT_CHECK_BATCH)) === 0) return null;
  }
}

/** One claim statement; `matches` narrows which unheld items may be taken. */
async function claimOnce(
  db: Db,
  reviewer: Reviewer,
  { projectId, stepId }: { projectId: string; stepId: string },
  leaseMs: number,
  matches: Prisma.Sql,
): Promise<ClaimedItem | null> {
  const me = reviewer.userId;
  // Each candidate set is read through an index with LIMIT 1, and a CTE is only evaluated as far
  // as the UNION ALL below pulls it, so later sets are not read once an earlier one has a row.
  // One statement, so one implicit transaction: set_config(…, true) lasts until its commit.
  const rows = await db.$queryRaw<ClaimRow[]>`
    WITH no_flush AS (
      SELECT set_config('synchronous_commit', 'off', true) AS setting
    ), held AS (
      SELECT id FROM "WorkItem"
      WHERE "claimedById" = ${me}::uuid AND "leaseExpiresAt" > now() AND status = 'CLAIMED'
        AND "projectId" = ${projectId}::uuid AND "stepId" = ${stepId}
      LIMIT 1 FOR UPDATE SKIP LOCKED
    ), assigned AS (
      SELECT id FROM "WorkItem"
      WHERE "assignedToId" = ${me}::uuid AND "projectId" = ${projectId}::uuid AND "stepId" = ${stepId}
        AND (status = 'QUEUED' OR (status = 'CLAIMED' AND "leaseExpiresAt" <= now()))
        AND ${matches}
      ORDER BY "enteredStepAt" LIMIT 1 FOR UPDATE SKIP LOCKED
    ), expired AS (
      SELECT id FROM "WorkItem"
      WHERE "projectId" = ${projectId}::uuid AND "stepId" = ${stepId} AND status = 'CLAIMED'
        AND "leaseExpiresAt" <= now() AND ("assignedToId" IS NULL OR "assignedToId" = ${me}::uuid)
        AND ${matches}
      ORDER BY "enteredStepAt" LIMIT 1 FOR UPDATE SKIP LOCKED
    ), waiting AS (
      SELECT id FROM "WorkItem"
      WHERE "projectId" = ${projectId}::uuid AND "stepId" = ${stepId} AND status = 'QUEUED'
        AND "assignedToId" IS NULL AND ${matches}
      ORDER BY "enteredStepAt" LIMIT 1 FOR UPDATE SKIP LOCKED
    ), pick AS (
      (SELECT id FROM held) UNION ALL (SELECT id FROM assigned)
      UNION ALL (SELECT id FROM expired) UNION ALL (SELECT id FROM waiting)
      LIMIT 1
    ), claimed AS (
      UPDATE "WorkItem" w
      SET status = 'CLAIMED', "claimedById" = ${me}::uuid,
          "leaseExpiresAt" = now() + ${leaseMs} * interval '1 millisecond', "updatedAt" = now()
      FROM pick WHERE w.id = pick.id
      RETURNING w.id, w.version, w."leaseExpiresAt", w."dataRowId"
    )
    SELECT c.id, c.version, c."leaseExpiresAt", d.id AS "rowId", d."externalId", d.width, d.height,
           l.caption, l.status AS "labelStatus", l."createdById" AS "captionAuthorId"
    FROM no_flush, claimed c
    JOIN "DataRow" d ON d.id = c."dataRowId"
    LEFT JOIN "Label" l ON l."dataRowId" = c."dataRowId"`;
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    projectId,
    stepId,
    status: 'CLAIMED',
    version: row.version,
    leaseExpiresAt: row.leaseExpiresAt.toISOString(),
    row: { id: row.rowId, externalId: row.externalId, width: row.width, height: row.height },
    caption:
      row.caption === null || row.labelStatus === null
        ? null
        : { text: row.caption, status: row.labelStatus, byModel: row.captionAuthorId === null },
  };
}

/** The item of the team, locked; NOT_FOUND for unknown and other teams' ids. */
async function lockTeamItem(tx: DbClient, teamId: string, itemId: string) {
  const rows = await tx.$queryRaw<
    {
      id: string;
      status: string;
      claimedById: string | null;
      stepId: string;
      workflowConfig: unknown;
    }[]
  >`
    SELECT w.id, w.status, w."claimedById", w."stepId", p."workflowConfig"
    FROM "WorkItem" w JOIN "Project" p ON p.id = w."projectId"
    WHERE w.id = ${itemId}::uuid AND p."teamId" = ${teamId}::uuid
    FOR UPDATE OF w`;
  const item = rows[0];
  if (!item) throw notFound('Work item');
  return item;
}

function assertHolds(item: { status: string; claimedById: string | null }, reviewer: Reviewer) {
  if (item.status !== 'CLAIMED' || item.claimedById !== reviewer.userId) {
    throw new AppError('FORBIDDEN', 'You do not hold this item; claim it first');
  }
}

/**
 * Claims one named item: the conflict dialog's "keep mine" takes back an item that someone else's
 * change moved on, to act on it as it is now. Only an item waiting in a step the reviewer may work
 * (or one they hold already, or whose lease expired) and not reserved for someone else.
 */
export async function claimItem(
  db: Db,
  reviewer: Reviewer,
  itemId: string,
  leaseMs: number,
): Promise<void> {
  await db.$transaction(async (tx) => {
    await skipCommitFlush(tx);
    const item = await lockTeamItem(tx, reviewer.teamId, itemId);
    const step = findStep(parseStoredWorkflow(item.workflowConfig), item.stepId);
    if (!step) throw notFound('Workflow step');
    assertCanWorkStep(step, reviewer);
    const me = reviewer.userId;
    const [claimed] = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "WorkItem"
      SET status = 'CLAIMED', "claimedById" = ${me}::uuid,
          "leaseExpiresAt" = now() + ${leaseMs} * interval '1 millisecond', "updatedAt" = now()
      WHERE id = ${itemId}::uuid AND ("assignedToId" IS NULL OR "assignedToId" = ${me}::uuid)
        AND (status = 'QUEUED'
             OR (status = 'CLAIMED' AND ("claimedById" = ${me}::uuid OR "leaseExpiresAt" <= now())))
      RETURNING id`;
    if (!claimed) {
      throw new AppError('CONFLICT', 'Someone else holds this item now, or it is done');
    }
  });
}

/** Gives a held item back to its queue, keeping its place. */
export async function releaseItem(db: Db, reviewer: Reviewer, itemId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await skipCommitFlush(tx);
    assertHolds(await lockTeamItem(tx, reviewer.teamId, itemId), reviewer);
    await tx.$executeRaw`
      UPDATE "WorkItem" SET status = 'QUEUED', "claimedById" = NULL, "leaseExpiresAt" = NULL,
             "updatedAt" = now()
      WHERE id = ${itemId}::uuid`;
  });
}

/** Gives a held item back and moves it to the end of its queue, so "next" brings another. */
export async function skipItem(db: Db, reviewer: Reviewer, itemId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await skipCommitFlush(tx);
    assertHolds(await lockTeamItem(tx, reviewer.teamId, itemId), reviewer);
    // enteredStepAt is the queue's order; a skipped item queues again as if it had just arrived.
    await tx.$executeRaw`
      UPDATE "WorkItem" SET status = 'QUEUED', "claimedById" = NULL, "leaseExpiresAt" = NULL,
             "enteredStepAt" = now(), "updatedAt" = now()
      WHERE id = ${itemId}::uuid`;
  });
}

/**
 * Reserves an item for one member of the team (or clears the reservation with null): only they
 * can claim it, and it comes first in their "next". A claim held by someone else is ended.
 */
export async function assignItem(
  db: Db,
  admin: Reviewer,
  { itemId, userId }: { itemId: string; userId: string | null },
): Promise<void> {
  if (!['ADMIN', 'OWNER'].includes(admin.role)) {
    throw new AppError('FORBIDDEN', 'Only admins can assign items');
  }
  await db.$transaction(async (tx) => {
    const item = await lockTeamItem(tx, admin.teamId, itemId);
    if (item.status === 'DONE') throw new AppError('CONFLICT', 'This item is already done');
    if (userId) {
      const member = await tx.membership.findUnique({
        where: { teamId_userId: { teamId: admin.teamId, userId } },
        select: { role: true },
      });
      if (!member) throw notFound('Team member');
      const step = findStep(parseStoredWorkflow(item.workflowConfig), item.stepId);
      if (step) assertCanWorkStep(step, { userId, role: member.role });
    }
    const endsClaim = item.status === 'CLAIMED' && item.claimedById !== userId;
    await tx.$executeRaw`
      UPDATE "WorkItem"
      SET "assignedToId" = ${userId}::uuid, "updatedAt" = now(),
          status = CASE WHEN ${endsClaim} THEN 'QUEUED'::"WorkItemStatus" ELSE status END,
          "claimedById" = CASE WHEN ${endsClaim} THEN NULL ELSE "claimedById" END,
          "leaseExpiresAt" = CASE WHEN ${endsClaim} THEN NULL ELSE "leaseExpiresAt" END
      WHERE id = ${itemId}::uuid`;
    await recordAudit(
      tx,
      { ...admin, apiKeyId: null },
      {
        action: 'work_item.assigned',
        targetType: 'work_item',
        targetId: itemId,
        metadata: { userId },
      },
    );
  });
}
