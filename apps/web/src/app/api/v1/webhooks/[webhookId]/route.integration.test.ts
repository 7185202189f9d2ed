// The webhook REST API against a real database, Redis queue, delivery worker and a loopback
// receiver: an admin key manages webhooks, reads the delivery log and redelivers a failed event.
import type { Db } from '@captionary/db';
import { WebhookBody } from '@captionary/shared';
import type { Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { emitProjectEvent } from '../../../../../server/services/webhooks/emit';
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from '../../../../../server/services/webhooks/testing/webhook-receiver';
import { getWebhookDeliveryQueue } from '../../../../../server/services/webhooks/webhook-producer';
import { webhookSettingsFromEnv } from '../../../../../server/services/webhooks/webhook-runtime';
import { verifySignatureHeader } from '../../../../../server/services/webhooks/webhook-signature';
import { createWebhookWorker } from '../../../../../server/services/webhooks/webhook-worker';
import { callerFor, createTestTeam, testDb } from '../../../../../server/testing/fixtures';
import {
  GET as listWebhooksRoute,
  POST as createWebhookRoute,
} from '../../projects/[projectId]/webhooks/route';
import { POST as redeliverRoute } from './deliveries/[deliveryId]/redeliver/route';
import { GET as deliveriesRoute } from './deliveries/route';
import { DELETE as deleteRoute, PATCH as patchRoute } from './route';

let db: Db;
let receiver: WebhookReceiver;
let worker: Worker;
let projectId: string;
let keys: Record<'admin' | 'reviewer' | 'outsider', string>;

beforeAll(async () => {
  db = testDb();
  // `/down` fails its first six requests (one delivery's every attempt), then answers 200.
  receiver = await startWebhookReceiver((path, n) => (path === '/down' && n <= 6 ? 503 : 200));
  const prefix = `test-rest-webhooks-${process.pid}-${randomBytes(4).toString('hex')}`;
  vi.stubEnv('QUEUE_PREFIX', prefix);
  vi.stubEnv('DATA_ENCRYPTION_KEY', randomBytes(32).toString('base64'));
  vi.stubEnv('IMPORT_ALLOW_HOSTS', receiver.hostPort);
  worker = createWebhookWorker({
    db,
    settings: { ...webhookSettingsFromEnv(), timeoutMs: 2_000 },
    queue: getWebhookDeliveryQueue(),
    redisUrl: process.env.REDIS_URL!,
    prefix,
    retryBaseDelayMs: 50,
    concurrency: 4,
  });
  const team = await createTestTeam(db, ['OWNER', 'ADMIN', 'REVIEWER']);
  const owner = callerFor(db, team.members.OWNER, team.teamId);
  const other = await createTestTeam(db, ['OWNER']);
  keys = {
    admin: (await owner.apiKeys.create({ name: 'a', role: 'ADMIN' })).key,
    reviewer: (await owner.apiKeys.create({ name: 'r', role: 'REVIEWER' })).key,
    outsider: (
      await callerFor(db, other.members.OWNER, other.teamId).apiKeys.create({
        name: 'o',
        role: 'OWNER',
      })
    ).key,
  };
  projectId = (await owner.projects.create({ name: 'Hooked' })).id;
});

afterAll(async () => {
  await worker.close();
  await getWebhookDeliveryQueue().close();
  await receiver.close();
  vi.unstubAllEnvs();
  await db.$disconnect();
});

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

function call(
  handler: unknown,
  params: Record<string, string>,
  {
    key = keys.admin,
    method = 'GET',
    body,
  }: { key?: string; method?: string; body?: unknown } = {},
) {
  const request = new Request('http://localhost/api/v1/test', {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (handler as Handler)(request, { params: Promise.resolve(params) as Promise<never> });
}

async function createHook(path: string, key = keys.admin) {
  return call(
    createWebhookRoute,
    { projectId },
    {
      key,
      method: 'POST',
      body: { url: receiver.url(path), events: ['label.approved'] },
    },
  );
}

async function settledDelivery(deliveryId: string) {
  for (let i = 0; i < 400; i++) {
    const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    if (delivery.status === 'SUCCEEDED' || delivery.status === 'FAILED') return delivery;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the delivery did not settle');
}

function signedAt(header: string): number {
  return Number(/t=(\d+)/.exec(header)?.[1]);
}

describe('/api/v1 webhooks', () => {
  it('creates a webhook whose secret is shown once, lists, changes and deletes it', async () => {
    const created = await createHook('/managed');
    expect(created.status).toBe(201);
    const { webhook, secret } = await created.json();
    expect(secret).toMatch(/^whsec_/);
    expect(webhook).toMatchObject({ projectId, active: true, events: ['label.approved'] });

    const listed = await call(listWebhooksRoute, { projectId });
    const listedText = await listed.text();
    expect(JSON.parse(listedText).webhooks.map((hook: { id: string }) => hook.id)).toContain(
      webhook.id,
    );
    expect(listedText).not.toContain(secret);

    const patched = await call(
      patchRoute,
      { webhookId: webhook.id },
      {
        method: 'PATCH',
        body: { events: ['export.ready', 'job.completed'], active: false },
      },
    );
    expect(patched.status).toBe(200);
    expect((await patched.json()).webhook).toMatchObject({
      active: false,
      events: ['export.ready', 'job.completed'],
    });

    const deleted = await call(deleteRoute, { webhookId: webhook.id }, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await db.webhook.findUnique({ where: { id: webhook.id } })).toBeNull();
    expect((await call(deliveriesRoute, { webhookId: webhook.id })).status).toBe(404);
  });

  it('redelivers a failed delivery once: same body and delivery id, fresh signature', async () => {
    const { webhook, secret } = await (await createHook('/down')).json();
    const [originalId] = await emitProjectEvent(db, projectId, 'label.approved', {
      label_id: 'l1',
      caption: 'a heron in the reeds',
    });
    expect(await settledDelivery(originalId!)).toMatchObject({ status: 'FAILED', attempts: 6 });

    const log = await (await call(deliveriesRoute, { webhookId: webhook.id })).json();
    expect(log.deliveries).toEqual([
      expect.objectContaining({ id: originalId, status: 'FAILED', responseCode: 503 }),
    ]);

    const response = await call(
      redeliverRoute,
      { webhookId: webhook.id, deliveryId: originalId! },
      { method: 'POST' },
    );
    expect(response.status).toBe(201);
    const { delivery } = await response.json();
    expect(delivery).toMatchObject({ status: 'QUEUED', attempts: 0, redeliveryOfId: originalId });
    expect(await settledDelivery(delivery.id)).toMatchObject({
      status: 'SUCCEEDED',
      attempts: 1,
      responseCode: 200,
    });

    const requests = receiver.received('/down');
    expect(requests).toHaveLength(7);
    const [first, resent] = [requests[0]!, requests[6]!];
    expect(resent.body).toBe(first.body);
    expect(WebhookBody.parse(JSON.parse(resent.body)).id).toBe(originalId);
    expect(resent.headers['captionary-delivery']).toBe(originalId);
    const signature = String(resent.headers['captionary-signature']);
    expect(verifySignatureHeader(signature, resent.body, secret)).toBe(true);
    // Six attempts with backoff lie between the two, so they were signed in different seconds.
    expect(signedAt(signature)).toBeGreaterThan(
      signedAt(String(first.headers['captionary-signature'])),
    );

    const after = await (await call(deliveriesRoute, { webhookId: webhook.id })).json();
    expect(after.deliveries.map((entry: { id: string }) => entry.id)).toEqual([
      delivery.id,
      originalId,
    ]);
  });

  it('refuses to redeliver while attempts remain or the webhook is paused', async () => {
    const { webhook } = await (await createHook('/pending')).json();
    const pending = await db.webhookDelivery.create({
      data: { webhookId: webhook.id, event: 'label.approved', payload: {} },
    });
    const redeliver = (deliveryId: string) =>
      call(redeliverRoute, { webhookId: webhook.id, deliveryId }, { method: 'POST' });
    expect((await redeliver(pending.id)).status).toBe(409);
    await db.webhookDelivery.update({ where: { id: pending.id }, data: { status: 'FAILED' } });
    await call(patchRoute, { webhookId: webhook.id }, { method: 'PATCH', body: { active: false } });
    const paused = await redeliver(pending.id);
    expect(paused.status).toBe(409);
    expect((await paused.json()).error.message).toMatch(/disabled/);
    expect(await db.webhookDelivery.count({ where: { webhookId: webhook.id } })).toBe(1);
  });

  it('needs an admin key, hides other teams and checks input', async () => {
    expect((await call(listWebhooksRoute, { projectId }, { key: keys.reviewer })).status).toBe(403);
    expect((await createHook('/x', keys.reviewer)).status).toBe(403);
    expect((await call(listWebhooksRoute, { projectId }, { key: keys.outsider })).status).toBe(404);
    const { webhook } = await (await createHook('/mine')).json();
    const other = await (await createHook('/other')).json();
    const delivery = await db.webhookDelivery.create({
      data: { webhookId: webhook.id, event: 'label.approved', payload: {}, status: 'FAILED' },
    });
    for (const [handler, params, method] of [
      [patchRoute, { webhookId: webhook.id }, 'PATCH'],
      [deleteRoute, { webhookId: webhook.id }, 'DELETE'],
      [deliveriesRoute, { webhookId: webhook.id }, 'GET'],
      [redeliverRoute, { webhookId: webhook.id, deliveryId: delivery.id }, 'POST'],
    ] as const) {
      const body = method === 'PATCH' ? { active: false } : undefined;
      const response = await call(handler, params, { key: keys.outsider, method, body });
      expect(response.status).toBe(404);
    }
    const elsewhere = await call(
      redeliverRoute,
      { webhookId: other.webhook.id, deliveryId: delivery.id },
      { method: 'POST' },
    );
    expect(elsewhere.status).toBe(404);
    expect((await call(deliveriesRoute, { webhookId: 'nope' })).status).toBe(404);

    const badUrl = await call(
      createWebhookRoute,
      { projectId },
      {
        method: 'POST',
        body: { url: 'http://10.0.0.1/hook', events: ['label.approved'] },
      },
    );
    expect(badUrl.status).toBe(400);
    const noEvents = await call(
      patchRoute,
      { webhookId: webhook.id },
      {
        method: 'PATCH',
        body: { events: [] },
      },
    );
    expect(noEvents.status).toBe(400);
    expect((await noEvents.json()).error.code).toBe('INVALID_INPUT');
  });
});
