import type { Db } from '@captionary/db';
import { WebhookBody, type WebhookEvent } from '@captionary/shared';
import type { Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callerFor, createTestTeam, testDb } from '../../testing/fixtures';
import { emitProjectEvent } from './emit';
import { sweepCompletedJobs } from './job-completed-sweep';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver';
import { createWebhookDeliveryQueue, type WebhookDeliveryQueue } from './webhook-delivery-queue';
import { getWebhookDeliveryQueue } from './webhook-producer';
import { webhookSettingsFromEnv } from './webhook-runtime';
import { sealWebhookSecret } from './webhook-secret-box';
import { verifySignatureHeader } from './webhook-signature';
import { createWebhookWorker } from './webhook-worker';

let db: Db;
let receiver: WebhookReceiver;
let queue: WebhookDeliveryQueue;
let worker: Worker;
let team: Awaited<ReturnType<typeof createTestTeam>>;
let projectId: string;

beforeAll(async () => {
  db = testDb();
  receiver = await startWebhookReceiver((path, n) => {
    if (path === '/flaky') return n <= 2 ? 500 : 200;
    if (path === '/down') return 503;
    return 200;
  });
  const prefix = `test-webhooks-${process.pid}-${randomBytes(4).toString('hex')}`;
  vi.stubEnv('QUEUE_PREFIX', prefix);
  vi.stubEnv('DATA_ENCRYPTION_KEY', randomBytes(32).toString('base64'));
  vi.stubEnv('IMPORT_ALLOW_HOSTS', `${receiver.hostPort},receiver.test:${receiver.port}`);
  const redisUrl = process.env.REDIS_URL!;
  queue = createWebhookDeliveryQueue(redisUrl, prefix);
  worker = createWebhookWorker({
    db,
    // A resolver standing in for DNS: `.test` names exist only here, so a delivery to them can
    // only succeed by connecting to the address this answer was vetted for.
    settings: {
      ...webhookSettingsFromEnv(),
      timeoutMs: 2_000,
      resolve: async (host) => {
        if (host === 'receiver.test') return [{ address: '127.0.0.1', family: 4 }];
        if (host === 'rebind.test') return [{ address: '10.0.0.5', family: 4 }];
        throw new Error('no such host');
      },
    },
    queue,
    redisUrl,
    prefix,
    retryBaseDelayMs: 50,
    concurrency: 4,
  });
  team = await createTestTeam(db, ['OWNER', 'ADMIN', 'LABELER']);
  projectId = (await callerFor(db, team.members.OWNER, team.teamId).projects.create({ name: 'P' }))
    .id;
});

afterAll(async () => {
  await worker.close();
  await queue.close();
  await getWebhookDeliveryQueue().close();
  await receiver.close();
  vi.unstubAllEnvs();
  await db.$disconnect();
});

const admin = () => callerFor(db, team.members.ADMIN, team.teamId);

async function createHook(path: string, events: WebhookEvent[] = ['label.approved']) {
  return admin().webhooks.create({ projectId, url: receiver.url(path), events });
}

async function waitForDelivery(deliveryId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    if (delivery.status === 'SUCCEEDED' || delivery.status === 'FAILED') return delivery;
    if (Date.now() > deadline) throw new Error(`delivery still ${delivery.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A webhook row written directly, as if its URL had passed the checks when it was saved. */
async function storedHook(url: string, events: WebhookEvent[]) {
  return db.webhook.create({
    data: {
      projectId,
      url,
      events,
      secretEncrypted: sealWebhookSecret(webhookSettingsFromEnv().encryptionKey!, 'whsec_stored'),
    },
  });
}

describe('webhooks', () => {
  it('shows the secret once and stores it encrypted', async () => {
    const { webhook, secret } = await createHook('/created');
    expect(secret).toMatch(/^whsec_/);
    const stored = await db.webhook.findUniqueOrThrow({ where: { id: webhook.id } });
    expect(stored.secretEncrypted).toMatch(/^v1\./);
    expect(stored.secretEncrypted).not.toContain(secret.slice(6));
    expect(JSON.stringify(await admin().webhooks.list({ projectId }))).not.toContain(secret);
  });

  it('refuses loopback, private, link-local and non-http targets that are not allow-listed', async () => {
    for (const url of [
      `http://127.0.0.1:${receiver.port + 1}/`,
      `http://localhost:${receiver.port}/`,
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      `http://[::ffff:127.0.0.1]:${receiver.port + 1}/`,
      'http://0.0.0.0/',
    ]) {
      await expect(
        admin().webhooks.create({ projectId, url, events: ['label.approved'] }),
      ).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/private or reserved/),
      });
    }
    await expect(
      admin().webhooks.create({ projectId, url: 'ftp://example.com/', events: ['label.approved'] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      admin().webhooks.create({ projectId, url: receiver.url('/x'), events: [] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('delivers signed events to subscribed webhooks only', async () => {
    const { webhook, secret } = await createHook('/signed', ['label.approved', 'label.updated']);
    const payload = { label_id: 'l1', caption: 'a cat — on a mat', status: 'APPROVED' };
    const ids = await emitProjectEvent(db, projectId, 'label.approved', payload);
    const mine = await db.webhookDelivery.findFirstOrThrow({
      where: { webhookId: webhook.id, id: { in: ids } },
    });
    expect(await waitForDelivery(mine.id)).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 1,
      responseCode: 200,
      error: null,
      deliveredAt: expect.any(Date),
    });
    const [request] = receiver.received('/signed');
    expect(request!.headers['captionary-event']).toBe('label.approved');
    expect(request!.headers['captionary-delivery']).toBe(mine.id);
    expect(
      verifySignatureHeader(
        String(request!.headers['captionary-signature']),
        request!.body,
        secret,
      ),
    ).toBe(true);
    expect(
      verifySignatureHeader(
        String(request!.headers['captionary-signature']),
        request!.body,
        'whsec_wrong',
      ),
    ).toBe(false);
    expect(WebhookBody.parse(JSON.parse(request!.body))).toEqual({
      id: mine.id,
      event: 'label.approved',
      project_id: projectId,
      created_at: expect.any(String),
      data: payload,
    });

    const unsubscribed = await emitProjectEvent(db, projectId, 'export.ready', { export_id: 'e' });
    expect(
      await db.webhookDelivery.count({
        where: { webhookId: webhook.id, id: { in: unsubscribed } },
      }),
    ).toBe(0);
    await admin().webhooks.update({ webhookId: webhook.id, active: false });
    const afterDisable = await emitProjectEvent(db, projectId, 'label.updated', { label_id: 'l1' });
    expect(
      await db.webhookDelivery.count({
        where: { webhookId: webhook.id, id: { in: afterDisable } },
      }),
    ).toBe(0);
  });

  it('retries after HTTP 500 with the same delivery id and logs every attempt', async () => {
    const { webhook, secret } = await createHook('/flaky', ['label.updated']);
    await emitProjectEvent(db, projectId, 'label.updated', { label_id: 'l2' });
    const delivery = await db.webhookDelivery.findFirstOrThrow({
      where: { webhookId: webhook.id },
    });
    expect(await waitForDelivery(delivery.id)).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 3,
      responseCode: 200,
    });
    const attempts = receiver.received('/flaky');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((r) => r.headers['captionary-delivery']))).toEqual(
      new Set([delivery.id]),
    );
    for (const attempt of attempts) {
      expect(
        verifySignatureHeader(
          String(attempt.headers['captionary-signature']),
          attempt.body,
          secret,
        ),
      ).toBe(true);
    }
    const log = await admin().webhooks.deliveries({ webhookId: webhook.id });
    expect(log).toEqual([
      expect.objectContaining({
        id: delivery.id,
        event: 'label.updated',
        status: 'SUCCEEDED',
        attempts: 3,
        responseCode: 200,
      }),
    ]);
  });

  it('gives up after the last attempt and records the answer', async () => {
    const { webhook } = await createHook('/down', ['export.ready']);
    await emitProjectEvent(db, projectId, 'export.ready', { export_id: 'e1' });
    const delivery = await db.webhookDelivery.findFirstOrThrow({
      where: { webhookId: webhook.id },
    });
    expect(await waitForDelivery(delivery.id)).toMatchObject({
      status: 'FAILED',
      attempts: 6,
      responseCode: 503,
      error: 'The receiver answered HTTP 503',
    });
    expect(receiver.received('/down')).toHaveLength(6);
  });

  it('redelivers a settled delivery from the log once, as a new entry of the log', async () => {
    const { webhook } = await createHook('/down', ['label.updated']);
    const ids = await emitProjectEvent(db, projectId, 'label.updated', { label_id: 'l9' });
    const { id: original } = await db.webhookDelivery.findFirstOrThrow({
      where: { webhookId: webhook.id, id: { in: ids } },
    });
    await waitForDelivery(original);
    const before = receiver.received('/down').length;
    await expect(
      callerFor(db, team.members.LABELER, team.teamId).webhooks.redeliver({
        deliveryId: original,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const redelivery = await admin().webhooks.redeliver({ deliveryId: original });
    expect(redelivery).toMatchObject({ redeliveryOfId: original, status: 'QUEUED' });
    // One attempt only: the receiver still fails, and the redelivery is not retried.
    expect(await waitForDelivery(redelivery.id)).toMatchObject({ status: 'FAILED', attempts: 1 });
    const sent = receiver.received('/down');
    expect(sent).toHaveLength(before + 1);
    expect(sent.at(-1)!.body).toBe(sent[before - 1]!.body);

    const log = await admin().webhooks.deliveries({ webhookId: webhook.id });
    expect(log.map((entry) => [entry.id, entry.redeliveryOfId])).toEqual([
      [redelivery.id, original],
      [original, null],
    ]);
    // Redelivering the redelivery repeats the same first delivery.
    const again = await admin().webhooks.redeliver({ deliveryId: redelivery.id });
    expect(again.redeliveryOfId).toBe(original);
  });

  it('checks the address again at delivery time and connects only to the vetted one', async () => {
    const pinned = await storedHook(`http://receiver.test:${receiver.port}/pinned`, [
      'label.approved',
    ]);
    const rebound = await storedHook(`http://rebind.test:${receiver.port}/rebound`, [
      'label.approved',
    ]);
    await emitProjectEvent(db, projectId, 'label.approved', { label_id: 'l3' });
    const [toPinned, toRebound] = await Promise.all(
      [pinned, rebound].map((hook) =>
        db.webhookDelivery.findFirstOrThrow({ where: { webhookId: hook.id } }),
      ),
    );
    expect(await waitForDelivery(toPinned!.id)).toMatchObject({
      status: 'SUCCEEDED',
      responseCode: 200,
    });
    expect(receiver.received('/pinned')).toHaveLength(1);
    const refused = await waitForDelivery(toRebound!.id);
    expect(refused).toMatchObject({ status: 'FAILED', attempts: 1, responseCode: null });
    expect(refused.error).toMatch(/private or reserved address \(10\.0\.0\.5\)/);
    await db.webhook.deleteMany({ where: { id: { in: [pinned.id, rebound.id] } } });
  });

  it('announces each completed caption job once (job.completed)', async () => {
    const { webhook } = await createHook('/jobs', ['job.completed']);
    const job = await db.captionJob.create({
      data: {
        projectId,
        modelName: 'tiny-blip2',
        params: {},
        status: 'COMPLETED',
        totalRows: 3,
        doneRows: 2,
        failedRows: 1,
        startedAt: new Date(Date.now() - 5_000),
        finishedAt: new Date(),
      },
    });
    await sweepCompletedJobs(db, queue);
    await sweepCompletedJobs(db, queue);
    const deliveries = await db.webhookDelivery.findMany({ where: { webhookId: webhook.id } });
    expect(deliveries).toHaveLength(1);
    expect(await waitForDelivery(deliveries[0]!.id)).toMatchObject({ status: 'SUCCEEDED' });
    const body = WebhookBody.parse(JSON.parse(receiver.received('/jobs')[0]!.body));
    expect(body).toMatchObject({
      event: 'job.completed',
      data: {
        job_id: job.id,
        status: 'COMPLETED',
        counts: { total: 3, done: 2, failed: 1, skipped: 0 },
      },
    });
  });

  it('is for admins of the team only', async () => {
    await expect(
      callerFor(db, team.members.LABELER, team.teamId).webhooks.list({ projectId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { webhook } = await createHook('/mine');
    const other = await createTestTeam(db, ['ADMIN']);
    const outsider = callerFor(db, other.members.ADMIN, other.teamId);
    await expect(outsider.webhooks.remove({ webhookId: webhook.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(outsider.webhooks.list({ projectId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const { secret } = await admin().webhooks.rotateSecret({ webhookId: webhook.id });
    expect(secret).toMatch(/^whsec_/);
    await admin().webhooks.remove({ webhookId: webhook.id });
    expect(await db.webhook.count({ where: { id: webhook.id } })).toBe(0);
  });
});
