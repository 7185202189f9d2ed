// `job.completed` without touching the inference worker: caption jobs are closed by whichever
// worker settles their last batch (finishJobIfSettled in @captionary/db), so the jobs process
// sweeps for jobs that completed and were not announced yet, every few seconds. "Announced" is an
// AuditEvent with action `webhook.job_completed`, written in the same transaction as the
// deliveries, so each job is announced once even with several jobs processes sweeping (the sweep
// holds a transaction-level advisory lock) and even when no webhook listens yet.
import type { Db } from '@captionary/db';
import { recordProjectEvent } from './emit';
import { enqueueWebhookDeliveries, type WebhookDeliveryQueue } from './webhook-delivery-queue';

export const JOB_COMPLETED_AUDIT_ACTION = 'webhook.job_completed';
/** Jobs that finished longer ago than this are never announced (e.g. before the first start). */
const LOOKBACK_MS = 24 * 60 * 60 * 1000;
/** Jobs announced per sweep; the next sweep takes the rest. */
const SWEEP_LIMIT = 100;
/** A delivery still QUEUED without any attempt after this long lost its queue job; re-queue it. */
const STRANDED_AFTER_MS = 60_000;
// Any fixed 64-bit number works; it only has to be the same in every process that sweeps.
const SWEEP_LOCK_KEY = 7_302_118_406_315_001n;

/** Announces newly completed caption jobs; returns how many were announced. */
export async function sweepCompletedJobs(db: Db, queue: WebhookDeliveryQueue, now = new Date()) {
  const since = new Date(now.getTime() - LOOKBACK_MS);
  const { announced, deliveryIds } = await db.$transaction(async (tx) => {
    const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
      SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK_KEY}) AS locked`;
    if (!lock?.locked) return { announced: 0, deliveryIds: [] as string[] };
    const jobs = await tx.captionJob.findMany({
      where: { status: 'COMPLETED', finishedAt: { gte: since } },
      orderBy: { finishedAt: 'asc' },
      select: {
        id: true,
        projectId: true,
        modelName: true,
        totalRows: true,
        doneRows: true,
        failedRows: true,
        skippedRows: true,
        startedAt: true,
        finishedAt: true,
        project: { select: { teamId: true } },
      },
    });
    if (!jobs.length) return { announced: 0, deliveryIds: [] as string[] };
    const done = await tx.auditEvent.findMany({
      where: {
        teamId: { in: [...new Set(jobs.map((job) => job.project.teamId))] },
        createdAt: { gte: since },
        action: JOB_COMPLETED_AUDIT_ACTION,
        targetId: { in: jobs.map((job) => job.id) },
      },
      select: { targetId: true },
    });
    const doneIds = new Set(done.map((event) => event.targetId));
    const pending = jobs.filter((job) => !doneIds.has(job.id)).slice(0, SWEEP_LIMIT);
    const ids: string[] = [];
    for (const job of pending) {
      const deliveries = await recordProjectEvent(tx, job.projectId, 'job.completed', {
        job_id: job.id,
        status: 'COMPLETED',
        model: job.modelName,
        counts: {
          total: job.totalRows,
          done: job.doneRows,
          failed: job.failedRows,
          skipped: job.skippedRows,
        },
        started_at: job.startedAt?.toISOString() ?? null,
        finished_at: job.finishedAt?.toISOString() ?? null,
      });
      await tx.auditEvent.create({
        data: {
          teamId: job.project.teamId,
          action: JOB_COMPLETED_AUDIT_ACTION,
          targetType: 'caption_job',
          targetId: job.id,
          metadata: { deliveries: deliveries.length },
        },
      });
      ids.push(...deliveries);
    }
    return { announced: pending.length, deliveryIds: ids };
  });
  await enqueueWebhookDeliveries(queue, deliveryIds);
  await requeueStrandedDeliveries(db, queue, now);
  return announced;
}

/**
 * Deliveries whose enqueue failed (Redis down when the event happened) are still QUEUED with no
 * attempt; adding their job again is a no-op for those BullMQ already holds.
 */
async function requeueStrandedDeliveries(db: Db, queue: WebhookDeliveryQueue, now: Date) {
  const webhooks = await db.webhook.findMany({ where: { active: true }, select: { id: true } });
  if (!webhooks.length) return;
  const stranded = await db.webhookDelivery.findMany({
    where: {
      // By webhook and time, so the (webhookId, createdAt) index answers it.
      webhookId: { in: webhooks.map((webhook) => webhook.id) },
      createdAt: {
        gte: new Date(now.getTime() - LOOKBACK_MS),
        lt: new Date(now.getTime() - STRANDED_AFTER_MS),
      },
      status: 'QUEUED',
      attempts: 0,
    },
    orderBy: { createdAt: 'asc' },
    take: 500,
    select: { id: true },
  });
  await enqueueWebhookDeliveries(
    queue,
    stranded.map((delivery) => delivery.id),
  );
}
