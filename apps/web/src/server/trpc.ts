// tRPC setup: the request context, error translation, and the procedure tiers every router uses.
// Authorization happens here, inside each procedure call, never only in the proxy.
import type { Db } from '@captionary/db';
import { roleAtLeast, type TeamRole } from '@captionary/shared';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { SessionUser } from './auth/session-user';
import { AppError, trpcCodeFor } from './errors';
import { fieldErrorsFrom } from './field-errors';
import type { TeamActor } from './services/actor';
import { resolveActiveTeam, type MemberTeam } from './services/teams';

/** What every procedure receives. Built per request in trpc-context.ts, or by tests. */
export interface TrpcContext {
  db: Db;
  user: SessionUser | null;
  /** The team id from the active-team cookie; checked against memberships before use. */
  requestedTeamId: string | null;
  /** Makes `teamId` the active team for the following requests (sets the cookie). */
  setActiveTeam: (teamId: string) => void;
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    const cause = error.cause;
    return {
      ...shape,
      // Unexpected failures are logged in full (trpc-route.ts) and shown generically.
      message: internal ? 'Something went wrong. Please try again.' : shape.message,
      data: {
        ...shape.data,
        fieldErrors:
          cause instanceof AppError ? (cause.fieldErrors ?? null) : fieldErrorsFrom(cause),
        // e.g. a review conflict's `current` item, so the editor can offer reload or merge.
        ...(cause instanceof AppError ? cause.details : undefined),
      },
    };
  },
});

/** Turns an AppError thrown anywhere below into the tRPC error of the same meaning. */
const translateAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const appError = result.error.cause;
    throw new TRPCError({
      code: trpcCodeFor(appError.code),
      message: appError.message,
      cause: appError,
    });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(translateAppErrors);

/** A signed-in user (session checked for revocation by the auth layer). */
export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError('UNAUTHORIZED', 'Sign in to continue');
  return next({ ctx: { user: ctx.user } });
});

/**
 * A member of the active team with at least `minRole`. Adds `team` (with the member's role) and
 * `actor` (for services) to the context.
 */
export function teamProcedure(minRole: TeamRole) {
  return signedInProcedure.use(async ({ ctx, next }) => {
    const { active } = await resolveActiveTeam(ctx.db, ctx.user.id, ctx.requestedTeamId);
    if (!active) throw new AppError('FORBIDDEN', 'You are not a member of any team yet');
    if (!roleAtLeast(active.role, minRole)) {
      throw new AppError('FORBIDDEN', `This needs the ${minRole.toLowerCase()} role or higher`);
    }
    const team: MemberTeam = active;
    const actor: TeamActor & { userId: string } = {
      teamId: active.id,
      role: active.role,
      userId: ctx.user.id,
      apiKeyId: null,
    };
    return next({ ctx: { team, actor } });
  });
}
