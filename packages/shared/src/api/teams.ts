import { z } from 'zod';
import { TeamRole } from '../auth/roles';
import { EmailAddress, ObjectId } from './common';

/** Body of teams.create: the creator becomes the team's OWNER. */
export const CreateTeamRequest = z.object({
  name: z
    .string()
    .trim()
    .min(2, 'Team names have at least 2 characters')
    .max(60, 'Keep the team name under 60 characters'),
});
export type CreateTeamRequest = z.infer<typeof CreateTeamRequest>;

export const SwitchTeamRequest = z.object({ teamId: ObjectId });
export type SwitchTeamRequest = z.infer<typeof SwitchTeamRequest>;

export const ChangeMemberRoleRequest = z.object({ membershipId: ObjectId, role: TeamRole });
export type ChangeMemberRoleRequest = z.infer<typeof ChangeMemberRoleRequest>;

export const RemoveMemberRequest = z.object({ membershipId: ObjectId });
export type RemoveMemberRequest = z.infer<typeof RemoveMemberRequest>;

/** An invite for one email address with the role the person will get. */
export const CreateInvitationRequest = z.object({ email: EmailAddress, role: TeamRole });
export type CreateInvitationRequest = z.infer<typeof CreateInvitationRequest>;

export const InvitationRef = z.object({ invitationId: ObjectId });
export type InvitationRef = z.infer<typeof InvitationRef>;

/** The secret part of an invite link (`/invite/<token>`). */
export const InvitationToken = z.string().min(20).max(200);

/** Minimum password rules for new accounts. */
export const NewPassword = z
  .string()
  .min(10, 'Use at least 10 characters')
  .max(200, 'Keep the password under 200 characters');

/** Accepting an invite by creating an account. */
export const AcceptInvitationWithNewAccountRequest = z.object({
  token: InvitationToken,
  name: z.string().trim().min(1, 'Enter your name').max(100, 'Keep the name under 100 characters'),
  password: NewPassword,
});
export type AcceptInvitationWithNewAccountRequest = z.infer<
  typeof AcceptInvitationWithNewAccountRequest
>;

export const AcceptInvitationRequest = z.object({ token: InvitationToken });
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;
