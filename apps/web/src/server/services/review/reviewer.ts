// The person a review action is attributed to. Claims, revisions and comments always name a
// user, so a machine client (API key) acts as the member who created the key.
import type { TeamRole } from '@captionary/shared';
import type { ApiKeyActor } from '../api-keys';

/** A team member working review queues. */
export interface Reviewer {
  teamId: string;
  userId: string;
  role: TeamRole;
}

/**
 * The reviewer behind an API key: its creator, with the key's effective role (authentication
 * already capped it at the creator's current role and refused keys whose creator left).
 */
export function reviewerForApiKey(actor: ApiKeyActor): Reviewer {
  return { teamId: actor.teamId, userId: actor.creatorId, role: actor.role };
}
