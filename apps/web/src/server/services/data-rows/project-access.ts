import type { Db } from '@captionary/db';
import { notFound } from '../../errors';

/** Throws NOT_FOUND unless the project belongs to the team (other teams' ids look absent). */
export async function assertProjectInTeam(db: Db, teamId: string, projectId: string) {
  const project = await db.project.findFirst({
    where: { id: projectId, teamId },
    select: { id: true, workflowConfig: true },
  });
  if (!project) throw notFound('Project');
  return project;
}
