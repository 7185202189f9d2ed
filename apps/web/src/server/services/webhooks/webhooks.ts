// A project's webhooks: create (the secret is shown once), list, change, delete, rotate the
// secret, and read the delivery log. Admins and owners only: URLs may carry tokens, and a
// webhook sends project data out of the platform.
import type { Db, WebhookDelivery } from '@captionary/db';
import {
  roleAtLeast,
  type CreateWebhookRequest,
  type ListWebhookDeliveriesRequest,
  type UpdateWebhookRequest,
  type WebhookEvent,
} from '@captionary/shared';
import { AppError, notFound } from '../../errors';
import type { TeamActor } from '../actor';
import { assertTeamProject } from '../imports/team-scope';
import type { ResolveHost } from '../imports/vetted-address';
import { requireEncryptionKey, sealWebhookSecret } from './webhook-secret-box';
import { generateWebhookSecret } from './webhook-signature';
import { vetWebhookTarget, WebhookTargetError } from './webhook-target';

export interface WebhookServiceDeps {
  db: Db;
  allowHosts: ReadonlySet<string>;
  encryptionKey: Buffer | undefined;
  resolve?: ResolveHost;
}

export interface WebhookDeliveryView {
  id: string;
  event: string;
  status: WebhookDelivery['status'];
  attempts: number;
  responseCode: number | null;
  error: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  /** The delivery this one sends again (a manual redelivery), or null. */
  redeliveryOfId: string | null;
}

export interface WebhookView {
  id: string;
  projectId: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: Date;
  lastDelivery: WebhookDeliveryView | null;
}

export const DELIVERY_SELECT = {
  id: true,
  event: true,
  status: true,
  attempts: true,
  responseCode: true,
  error: true,
  createdAt: true,
  deliveredAt: true,
  redeliveryOfId: true,
} as const;

export function assertCanManageWebhooks(actor: Pick<TeamActor, 'role'>): void {
  if (!roleAtLeast(actor.role, 'ADMIN')) {
    throw new AppError('FORBIDDEN', 'Only admins and owners can manage webhooks');
  }
}

async function checkUrl(deps: WebhookServiceDeps, url: string): Promise<string> {
  try {
    return (await vetWebhookTarget(url, deps.allowHosts, deps.resolve)).url.toString();
  } catch (error) {
    if (error instanceof WebhookTargetError) {
      throw new AppError('INVALID_INPUT', error.message, { url: [error.message] });
    }
    throw error;
  }
}

async function findTeamWebhook(db: Db, teamId: string, webhookId: string) {
  const webhook = await db.webhook.findFirst({
    where: { id: webhookId, project: { teamId } },
    select: { id: true, projectId: true },
  });
  if (!webhook) throw notFound('Webhook');
  return webhook;
}

function toView(webhook: {
  id: string;
  projectId: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
  deliveries: WebhookDeliveryView[];
}): WebhookView {
  return {
    id: webhook.id,
    projectId: webhook.projectId,
    url: webhook.url,
    events: webhook.events as WebhookEvent[],
    active: webhook.active,
    createdAt: webhook.createdAt,
    lastDelivery: webhook.deliveries[0] ?? null,
  };
}

const VIEW_SELECT = {
  id: true,
  projectId: true,
  url: true,
  events: true,
  active: true,
  createdAt: true,
  deliveries: { orderBy: { createdAt: 'desc' }, take: 1, select: DELIVERY_SELECT },
} as const;

export async function listWebhooks(
  db: Db,
  actor: TeamActor,
  projectId: string,
): Promise<WebhookView[]> {
  assertCanManageWebhooks(actor);
  await assertTeamProject(db, actor.teamId, projectId);
  const webhooks = await db.webhook.findMany({
    where: { projectId },
    orderBy: { createdAt: 'asc' },
    select: VIEW_SELECT,
  });
  return webhooks.map(toView);
}

/** Creates a webhook; the returned secret is never shown again. */
export async function createWebhook(
  deps: WebhookServiceDeps,
  actor: TeamActor,
  input: CreateWebhookRequest,
): Promise<{ webhook: WebhookView; secret: string }> {
  assertCanManageWebhooks(actor);
  await assertTeamProject(deps.db, actor.teamId, input.projectId);
  const key = requireEncryptionKey(deps.encryptionKey);
  const url = await checkUrl(deps, input.url);
  const secret = generateWebhookSecret();
  const webhook = await deps.db.webhook.create({
    data: {
      projectId: input.projectId,
      url,
      events: input.events,
      secretEncrypted: sealWebhookSecret(key, secret),
    },
    select: VIEW_SELECT,
  });
  return { webhook: toView(webhook), secret };
}

export async function updateWebhook(
  deps: WebhookServiceDeps,
  actor: TeamActor,
  input: UpdateWebhookRequest,
): Promise<WebhookView> {
  assertCanManageWebhooks(actor);
  const { id } = await findTeamWebhook(deps.db, actor.teamId, input.webhookId);
  const url = input.url === undefined ? undefined : await checkUrl(deps, input.url);
  const webhook = await deps.db.webhook.update({
    where: { id },
    data: { url, events: input.events, active: input.active },
    select: VIEW_SELECT,
  });
  return toView(webhook);
}

export async function deleteWebhook(db: Db, actor: TeamActor, webhookId: string): Promise<void> {
  assertCanManageWebhooks(actor);
  const { id } = await findTeamWebhook(db, actor.teamId, webhookId);
  await db.webhook.delete({ where: { id } });
}

/** Replaces the signing secret; deliveries from now on are signed with the new one. */
export async function rotateWebhookSecret(
  deps: WebhookServiceDeps,
  actor: TeamActor,
  webhookId: string,
): Promise<{ secret: string }> {
  assertCanManageWebhooks(actor);
  const key = requireEncryptionKey(deps.encryptionKey);
  const { id } = await findTeamWebhook(deps.db, actor.teamId, webhookId);
  const secret = generateWebhookSecret();
  await deps.db.webhook.update({
    where: { id },
    data: { secretEncrypted: sealWebhookSecret(key, secret) },
  });
  return { secret };
}

/** The webhook's latest deliveries, newest first: the delivery log. */
export async function listWebhookDeliveries(
  db: Db,
  actor: TeamActor,
  input: ListWebhookDeliveriesRequest,
): Promise<WebhookDeliveryView[]> {
  assertCanManageWebhooks(actor);
  const { id } = await findTeamWebhook(db, actor.teamId, input.webhookId);
  return db.webhookDelivery.findMany({
    where: { webhookId: id },
    orderBy: { createdAt: 'desc' },
    take: input.limit,
    select: DELIVERY_SELECT,
  });
}
