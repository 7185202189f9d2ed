import { hashPassword, hashToken, randomToken, type Db } from '@captionary/db';
import type {
  AcceptInvitationWithNewAccountRequest,
  CreateInvitationRequest,
  TeamRole,
} from '@captionary/shared';
import { AppError, notFound } from '../errors';
import { assertCanInvite, canManageRole } from '../policy/roles';
import type { DbClient, TeamActor } from './actor';
import { recordAudit } from './audit';
import {
  assertInvitationPending,
  invitationStatus,
  type InvitationStatus,
} from './invitation-status';

/** Invite links work for seven days. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InvitationSummary {
  id: string;
  email: string;
  role: TeamRole;
  status: InvitationStatus;
  invitedBy: string;
  expiresAt: Date;
  createdAt: Date;
}

const SUMMARY_SELECT = {
  id: true,
  email: true,
  role: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  createdAt: true,
  invitedBy: { select: { name: true } },
} as const;

function toSummary(row: {
  id: string;
  email: string;
  role: TeamRole;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  invitedBy: { name: string };
}): InvitationSummary {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: invitationStatus(row),
    invitedBy: row.invitedBy.name,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

/**
 * Creates an invitation and returns its one-time token (only its hash is stored). An older
 * pending invitation for the same email is withdrawn, so one link at a time works per person.
 */
export async function createInvitation(
  db: Db,
  actor: TeamActor & { userId: string },
  input: CreateInvitationRequest,
): Promise<{ invitation: InvitationSummary; token: string }> {
  assertCanInvite(actor.role, input.role);
  const alreadyMember = await db.membership.findFirst({
    where: { teamId: actor.teamId, user: { email: input.email } },
    select: { id: true },
  });
  if (alreadyMember) {
    throw new AppError('CONFLICT', `${input.email} is already a member of this team`, {
      email: ['Already a member of this team'],
    });
  }
  const token = randomToken();
  const now = new Date();
  const invitation = await db.$transaction(async (tx) => {
    await tx.invitation.updateMany({
      where: { teamId: actor.teamId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const created = await tx.invitation.create({
      data: {
        teamId: actor.teamId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedById: actor.userId,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      },
      select: SUMMARY_SELECT,
    });
    await recordAudit(tx, actor, {
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: created.id,
      metadata: { email: input.email, role: input.role },
    });
    return created;
  });
  return { invitation: toSummary(invitation), token };
}

/** A team's invitations, newest first. */
export async function listInvitations(db: Db, teamId: string): Promise<InvitationSummary[]> {
  const rows = await db.invitation.findMany({
    where: { teamId },
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: SUMMARY_SELECT,
  });
  return rows.map(toSummary);
}

/** Withdraws a pending invitation of the actor's team. */
export async function revokeInvitation(
  db: Db,
  actor: TeamActor,
  invitationId: string,
): Promise<InvitationSummary> {
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { id: invitationId, teamId: actor.teamId },
      select: SUMMARY_SELECT,
    });
    if (!invitation) throw notFound('Invitation');
    if (!canManageRole(actor.role, invitation.role)) {
      throw new AppError('FORBIDDEN', 'Only an owner can withdraw an invite for an owner');
    }
    if (invitationStatus(invitation) !== 'pending') {
      throw new AppError('CONFLICT', 'Only pending invites can be withdrawn');
    }
    const revoked = await tx.invitation.update({
      where: { id: invitation.id },
      data: { revokedAt: new Date() },
      select: SUMMARY_SELECT,
    });
    await recordAudit(tx, actor, {
      action: 'invitation.revoked',
      targetType: 'invitation',
      targetId: invitation.id,
      metadata: { email: invitation.email },
    });
    return toSummary(revoked);
  });
}

/** What the invite page shows about a token; null when no invitation has this token. */
export interface InvitationPreview {
  teamName: string;
  email: string;
  role: TeamRole;
  status: InvitationStatus;
  /** The invited email already has an account: the person signs in to accept. */
  hasAccount: boolean;
}

export async function previewInvitation(db: Db, token: string): Promise<InvitationPreview | null> {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      team: { select: { name: true } },
    },
  });
  if (!invitation) return null;
  const account = await db.user.findUnique({
    where: { email: invitation.email },
    select: { id: true },
  });
  return {
    teamName: invitation.team.name,
    email: invitation.email,
    role: invitation.role,
    status: invitationStatus(invitation),
    hasAccount: account !== null,
  };
}

const INVALID_LINK = 'This invite link is not valid. Check that you copied all of it.';

/**
 * Accepts an invitation by creating the account it was meant for. One transaction: the user,
 * the membership and the spent invitation are stored together or not at all.
 */
export async function acceptInvitationWithNewAccount(
  db: Db,
  input: AcceptInvitationWithNewAccountRequest,
): Promise<{ email: string; teamId: string }> {
  // Hashing is slow (on purpose): do it before the transaction holds any lock.
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({
      where: { tokenHash: hashToken(input.token) },
    });
    if (!invitation) throw new AppError('NOT_FOUND', INVALID_LINK);
    assertInvitationPending(invitation);
    const existing = await tx.user.findUnique({ where: { email: invitation.email } });
    if (existing) {
      throw new AppError(
        'CONFLICT',
        `An account for ${invitation.email} already exists. Sign in to accept the invite.`,
      );
    }
    const user = await tx.user.create({
      data: { email: invitation.email, name: input.name, passwordHash },
      select: { id: true },
    });
    await spendInvitation(tx, invitation.id, user.id);
    await tx.membership.create({
      data: { teamId: invitation.teamId, userId: user.id, role: invitation.role },
    });
    await recordAudit(
      tx,
      { teamId: invitation.teamId, userId: user.id, apiKeyId: null },
      {
        action: 'invitation.accepted',
        targetType: 'invitation',
        targetId: invitation.id,
        metadata: { email: invitation.email, role: invitation.role, newAccount: true },
      },
    );
    return { email: invitation.email, teamId: invitation.teamId };
  });
}

/**
 * Accepts an invitation as a signed-in user whose email it was sent to. Someone who is already
 * a member keeps their current role.
 */
export async function acceptInvitationAsUser(
  db: Db,
  user: { id: string; email: string },
  token: string,
): Promise<{ teamId: string }> {
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!invitation) throw new AppError('NOT_FOUND', INVALID_LINK);
    assertInvitationPending(invitation);
    if (invitation.email !== user.email.toLowerCase()) {
      throw new AppError(
        'FORBIDDEN',
        `This invite is for ${invitation.email}. Sign in with that account to accept it.`,
      );
    }
    await spendInvitation(tx, invitation.id, user.id);
    const existing = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: invitation.teamId, userId: user.id } },
      select: { id: true },
    });
    if (!existing) {
      await tx.membership.create({
        data: { teamId: invitation.teamId, userId: user.id, role: invitation.role },
      });
    }
    await recordAudit(
      tx,
      { teamId: invitation.teamId, userId: user.id, apiKeyId: null },
      {
        action: 'invitation.accepted',
        targetType: 'invitation',
        targetId: invitation.id,
        metadata: { email: invitation.email, role: invitation.role, alreadyMember: !!existing },
      },
    );
    return { teamId: invitation.teamId };
  });
}

/**
 * Marks an invitation used. The conditions are re-checked by the UPDATE itself, so of two
 * people racing with the same link exactly one wins.
 */
async function spendInvitation(tx: DbClient, invitationId: string, userId: string): Promise<void> {
  const now = new Date();
  const { count } = await tx.invitation.updateMany({
    where: { id: invitationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now, acceptedById: userId },
  });
  if (count !== 1) {
    throw new AppError('GONE', 'This invite link has already been used or has expired.');
  }
}
