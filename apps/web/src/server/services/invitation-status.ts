import { AppError } from '../errors';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

interface InvitationState {
  acceptedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

/** Where an invitation stands at `now`. */
export function invitationStatus(invitation: InvitationState, now = new Date()): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

const SPENT_MESSAGES: Record<Exclude<InvitationStatus, 'pending'>, string> = {
  accepted: 'This invite link has already been used. Sign in, or ask for a new invite.',
  revoked: 'This invite was withdrawn. Ask the team for a new one.',
  expired: 'This invite link has expired. Ask the team for a new one.',
};

/** Throws the error a person sees when they open an invitation that can no longer be used. */
export function assertInvitationPending(invitation: InvitationState, now = new Date()): void {
  const status = invitationStatus(invitation, now);
  if (status !== 'pending') throw new AppError('GONE', SPENT_MESSAGES[status]);
}
