// The person a review action is attributed to. Claims, revisions and comments always name a
// user, so a machine client (API key) acts as the member who created the key.
import type { Db } from '@captionary/db';
import { ROLES, type TeamRole } from '@captionary/shared';
import { AppError } from '../../errors';
import type { ApiKeyActor } from '../api-keys';

/** A team member working review queues. */
export interface Reviewer {
  teamId: string;
  userId: string;
  role: TeamRole;
}

function lowerRole(a: TeamRole, b: TeamRole): TeamRole {
  return ROLES[Math.min(ROLES.indexOf(a), ROLES.indexOf(b))]!;
}

/**
 * The reviewer behind an API key: its creator, with the lower of the key's role and the
 * creator's current role (a key never outranks the person it acts for). Keys whose creator left
 * the team cannot work queues.
 */
export async function reviewerForApiKey(db: Db, actor: ApiKeyActor): Promise<Reviewer> {
  // One indexed join rather than nested ORM reads: every REST claim and submit runs it.
  const [creator] = await db.$queryRaw<{ userId: string; role: TeamRole }[]>`
    SELECT k."createdById" AS "userId", m.role::text AS role
    FROM "ApiKey" k
    JOIN "User" u ON u.id = k."createdById" AND u."disabledAt" IS NULL
    JOIN "Membership" m ON m."userId" = u.id AND m."teamId" = k."teamId"
    WHERE k.id = ${actor.apiKeyId}::uuid AND k."teamId" = ${actor.teamId}::uuid`;
  if (!creator) {
    throw new AppError(
      'FORBIDDEN',
      'This API key acts for the member who created it, who is no longer in the team',
    );
  }
  return {
    teamId: actor.teamId,
    userId: creator.userId,
    role: lowerRole(actor.role, creator.role),
  };
}
