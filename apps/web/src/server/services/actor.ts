import type { Db, Prisma } from '@captionary/db';
import type { TeamRole } from '@captionary/shared';

/**
 * Who acts, inside which team, with which role: a signed-in member (userId) or a machine
 * client (apiKeyId). Services scope every query by `teamId`.
 */
export interface TeamActor {
  teamId: string;
  role: TeamRole;
  userId: string | null;
  apiKeyId: string | null;
}

/** The database client or an open transaction; services accept either. */
export type DbClient = Db | Prisma.TransactionClient;
