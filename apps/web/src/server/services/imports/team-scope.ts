import { roleAtLeast } from '@captionary/shared';
import { AppError, notFound } from '../../errors';
import type { DbClient, TeamActor } from '../actor';

/** Imports and connections change a project's data: admins and owners only. */
export function assertCanImport(actor: Pick<TeamActor, 'role'>): void {
  if (!roleAtLeast(actor.role, 'ADMIN')) {
    throw new AppError('FORBIDDEN', 'Only admins and owners can connect data and import');
  }
}

/** Throws NOT_FOUND unless the project belongs to the team (other teams' ids look absent). */
export async function assertTeamProject(db: DbClient, teamId: string, projectId: string) {
  const project = await db.project.findFirst({
    where: { id: projectId, teamId },
    select: { id: true },
  });
  if (!project) throw notFound('Project');
}

/** The team's connection, or NOT_FOUND. */
export async function findTeamConnection(db: DbClient, teamId: string, connectionId: string) {
  const connection = await db.dataConnection.findFirst({
    where: { id: connectionId, project: { teamId } },
  });
  if (!connection) throw notFound('Data connection');
  return connection;
}
