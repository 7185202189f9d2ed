import {
  ChangeMemberRoleRequest,
  CreateTeamRequest,
  RemoveMemberRequest,
  SwitchTeamRequest,
} from '@captionary/shared';
import { notFound } from '../errors';
import { changeMemberRole, listMembers, removeMember } from '../services/members';
import { createTeam, resolveActiveTeam } from '../services/teams';
import { router, signedInProcedure, teamProcedure } from '../trpc';

export const teamsRouter = router({
  /** The signed-in user, their teams and the active one (null when they have none). */
  current: signedInProcedure.query(async ({ ctx }) => {
    const { active, teams } = await resolveActiveTeam(ctx.db, ctx.user.id, ctx.requestedTeamId);
    return { user: ctx.user, activeTeam: active, teams };
  }),

  create: signedInProcedure.input(CreateTeamRequest).mutation(async ({ ctx, input }) => {
    const team = await createTeam(ctx.db, ctx.user.id, input);
    ctx.setActiveTeam(team.id);
    return team;
  }),

  switch: signedInProcedure.input(SwitchTeamRequest).mutation(async ({ ctx, input }) => {
    const { teams } = await resolveActiveTeam(ctx.db, ctx.user.id, input.teamId);
    const team = teams.find((candidate) => candidate.id === input.teamId);
    if (!team) throw notFound('Team');
    ctx.setActiveTeam(team.id);
    return team;
  }),

  members: teamProcedure('LABELER').query(({ ctx }) => listMembers(ctx.db, ctx.team.id)),

  changeRole: teamProcedure('ADMIN')
    .input(ChangeMemberRoleRequest)
    .mutation(({ ctx, input }) =>
      changeMemberRole(ctx.db, ctx.actor, input.membershipId, input.role),
    ),

  removeMember: teamProcedure('ADMIN')
    .input(RemoveMemberRequest)
    .mutation(async ({ ctx, input }) => {
      await removeMember(ctx.db, ctx.actor, input.membershipId);
      return { removed: true as const };
    }),
});
