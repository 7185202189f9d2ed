import {
  AcceptInvitationRequest,
  AcceptInvitationWithNewAccountRequest,
  CreateInvitationRequest,
  InvitationRef,
} from '@captionary/shared';
import { AppError } from '../errors';
import {
  acceptInvitationAsUser,
  acceptInvitationWithNewAccount,
  createInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from '../services/invitations';
import { publicProcedure, router, signedInProcedure, teamProcedure } from '../trpc';

/** The site-relative link an invitee opens; the UI prefixes the origin it is served from. */
export function invitationPath(token: string): string {
  return `/invite/${token}`;
}

export const invitationsRouter = router({
  /** Creates an invite; the link is in this response only (the token is stored hashed). */
  create: teamProcedure('ADMIN')
    .input(CreateInvitationRequest)
    .mutation(async ({ ctx, input }) => {
      const { invitation, token } = await createInvitation(ctx.db, ctx.actor, input);
      return { invitation, path: invitationPath(token) };
    }),

  list: teamProcedure('ADMIN').query(({ ctx }) => listInvitations(ctx.db, ctx.team.id)),

  revoke: teamProcedure('ADMIN')
    .input(InvitationRef)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.actor, input.invitationId)),

  preview: publicProcedure.input(AcceptInvitationRequest).query(async ({ ctx, input }) => {
    const preview = await previewInvitation(ctx.db, input.token);
    if (!preview) throw new AppError('NOT_FOUND', 'This invite link is not valid');
    return preview;
  }),

  /** Sign-up through an invite: the only way to create an account. */
  acceptWithNewAccount: publicProcedure
    .input(AcceptInvitationWithNewAccountRequest)
    .mutation(async ({ ctx, input }) => {
      const accepted = await acceptInvitationWithNewAccount(ctx.db, input);
      ctx.setActiveTeam(accepted.teamId);
      return accepted;
    }),

  /** Joining another team with an existing account. */
  accept: signedInProcedure.input(AcceptInvitationRequest).mutation(async ({ ctx, input }) => {
    const accepted = await acceptInvitationAsUser(ctx.db, ctx.user, input.token);
    ctx.setActiveTeam(accepted.teamId);
    return accepted;
  }),
});
