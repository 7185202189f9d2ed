import { API_KEY_PREFIX, generateApiKey, hashToken, type Db } from '@captionary/db';
import { lowerRole, type CreateApiKeyRequest, type TeamRole } from '@captionary/shared';
import { AppError, notFound } from '../errors';
import { assertCanCreateApiKey, canManageRole } from '../policy/roles';
import type { TeamActor } from './actor';
import { recordAudit } from './audit';
import { forgetRecentApiKeys } from './recent-api-keys';

/** How often lastUsedAt is written: at most once a minute per key, not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  role: TeamRole;
  createdBy: string | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  revokedAt: Date | null;
}

const SUMMARY_SELECT = {
  id: true,
  name: true,
  prefix: true,
  role: true,
  lastUsedAt: true,
  createdAt: true,
  revokedAt: true,
  createdBy: { select: { name: true } },
} as const;

function toSummary({
  createdBy,
  ...row
}: Omit<ApiKeySummary, 'createdBy'> & { createdBy: { name: string } | null }): ApiKeySummary {
  return { ...row, createdBy: createdBy?.name ?? null };
}

/** Creates a key for the actor's team. The full key is in the result and nowhere else, ever. */
export async function createApiKey(
  db: Db,
  actor: TeamActor,
  input: CreateApiKeyRequest,
): Promise<{ apiKey: ApiKeySummary; key: string }> {
  assertCanCreateApiKey(actor.role, input.role);
  const { key, keyHash, prefix } = generateApiKey();
  const apiKey = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        teamId: actor.teamId,
        name: input.name,
        role: input.role,
        keyHash,
        prefix,
        createdById: actor.userId,
      },
      select: SUMMARY_SELECT,
    });
    await recordAudit(tx, actor, {
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: created.id,
      metadata: { name: input.name, role: input.role, prefix },
    });
    return created;
  });
  return { apiKey: toSummary(apiKey), key };
}

/** A team's keys, newest first, revoked ones included (shown as such). */
export async function listApiKeys(db: Db, teamId: string): Promise<ApiKeySummary[]> {
  const keys = await db.apiKey.findMany({
    where: { teamId },
    orderBy: { createdAt: 'desc' },
    select: SUMMARY_SELECT,
  });
  return keys.map(toSummary);
}

/**
 * Revokes a key of the actor's team; revoking twice is harmless. Owner keys are owners' business,
 * as owner invitations are: an admin cannot cut off an owner's integration.
 */
export async function revokeApiKey(
  db: Db,
  actor: TeamActor,
  apiKeyId: string,
): Promise<ApiKeySummary> {
  const revoked = await db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({
      where: { id: apiKeyId, teamId: actor.teamId },
      select: { id: true, revokedAt: true, role: true },
    });
    if (!key) throw notFound('API key');
    if (!canManageRole(actor.role, key.role)) {
      throw new AppError('FORBIDDEN', 'Only an owner can revoke an owner key');
    }
    if (!key.revokedAt) {
      await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
      await recordAudit(tx, actor, {
        action: 'api_key.revoked',
        targetType: 'api_key',
        targetId: key.id,
      });
    }
    return toSummary(
      await tx.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: SUMMARY_SELECT }),
    );
  });
  forgetRecentApiKeys();
  return revoked;
}

/**
 * The machine client behind a bearer key, as an actor in its team. A key acts for the member who
 * created it: `creatorId` is that member and `role` the lower of the key's role and theirs.
 */
export type ApiKeyActor = TeamActor & { apiKeyId: string; userId: null; creatorId: string };

interface PresentedKey {
  id: string;
  teamId: string;
  role: TeamRole;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  creatorId: string | null;
  /** The creator's current role in the key's team; null once they left it or were disabled. */
  creatorRole: TeamRole | null;
}

/**
 * Authenticates a presented key: unknown, malformed and revoked keys all fail with the same
 * UNAUTHORIZED error. A key never outranks the person it acts for, and stops working when they
 * leave the team or are disabled (so a departed admin keeps no access through an old key).
 * Records use at most once a minute.
 */
export async function authenticateApiKey(db: Db, presented: string): Promise<ApiKeyActor> {
  const invalid = new AppError('UNAUTHORIZED', 'Invalid or revoked API key');
  if (!presented.startsWith(API_KEY_PREFIX) || presented.length > 200) throw invalid;
  // One indexed lookup with the creator's membership: every REST request runs it.
  const [key] = await db.$queryRaw<PresentedKey[]>`
    SELECT k.id, k."teamId", k.role::text AS role, k."revokedAt", k."lastUsedAt",
           k."createdById" AS "creatorId", m.role::text AS "creatorRole"
    FROM "ApiKey" k
    LEFT JOIN "User" u ON u.id = k."createdById" AND u."disabledAt" IS NULL
    LEFT JOIN "Membership" m ON m."userId" = u.id AND m."teamId" = k."teamId"
    WHERE k."keyHash" = ${hashToken(presented)}`;
  if (!key || key.revokedAt) throw invalid;
  if (!key.creatorId || !key.creatorRole) {
    throw new AppError(
      'UNAUTHORIZED',
      'This API key acts for the member who created it, who is no longer active in the team',
    );
  }
  const now = new Date();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional so that a burst of requests writes once, not once per request.
    await db.apiKey.updateMany({
      where: {
        id: key.id,
        OR: [
          { lastUsedAt: null },
          { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } },
        ],
      },
      data: { lastUsedAt: now },
    });
  }
  return {
    teamId: key.teamId,
    role: lowerRole(key.role, key.creatorRole),
    apiKeyId: key.id,
    userId: null,
    creatorId: key.creatorId,
  };
}
