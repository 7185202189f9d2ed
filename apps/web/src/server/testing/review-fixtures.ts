// A project with pre-labelled rows waiting in its workflow's first step, and the people who work
// it, for the review integration tests.
import type { Db } from '@captionary/db';
import { WorkflowConfig, type TeamRole, type WorkflowConfig as Workflow } from '@captionary/shared';
import type { Reviewer } from '../services/review/reviewer';
import { createModelVersion, createProjectWithRows, seedPredictions } from './caption-fixtures';
import { createTestTeam, createTestUser, type TestUser } from './fixtures';

export interface ReviewFixture {
  teamId: string;
  projectId: string;
  rowIds: string[];
  itemIds: string[];
  members: Record<TeamRole, TestUser>;
  as: (role: TeamRole) => Reviewer;
}

/** `rows` pre-labelled rows ("a picture called img-000.jpg"…), all queued in the label step. */
export async function createReviewFixture(
  db: Db,
  { rows = 3, workflow }: { rows?: number; workflow?: Workflow } = {},
): Promise<ReviewFixture> {
  const team = await createTestTeam(db);
  const project = await createProjectWithRows(db, team.teamId, rows);
  if (workflow) {
    await db.project.update({
      where: { id: project.projectId },
      data: { workflowConfig: WorkflowConfig.parse(workflow) },
    });
  }
  await seedPredictions(db, project.projectId, await createModelVersion(db), project.rows);
  const items = await db.workItem.findMany({
    where: { projectId: project.projectId },
    orderBy: { enteredStepAt: 'asc' },
    select: { id: true, dataRowId: true },
  });
  return {
    teamId: team.teamId,
    projectId: project.projectId,
    rowIds: project.rows.map((row) => row.id),
    itemIds: items.map((item) => item.id),
    members: team.members,
    as: (role) => ({ teamId: team.teamId, userId: team.members[role].id, role }),
  };
}

/** `count` extra members of the team with `role`, as reviewers. */
export async function addTeamMembers(
  db: Db,
  teamId: string,
  count: number,
  role: TeamRole,
): Promise<Reviewer[]> {
  const reviewers: Reviewer[] = [];
  for (let n = 0; n < count; n++) {
    const user = await createTestUser(db, `member${n}`);
    await db.membership.create({ data: { teamId, userId: user.id, role } });
    reviewers.push({ teamId, userId: user.id, role });
  }
  return reviewers;
}

/** A workflow with two review steps: humans' captions get a second look in "audit". */
export function twoReviewWorkflow(): Workflow {
  return WorkflowConfig.parse({
    steps: [
      { id: 'label', name: 'Label', type: 'label' },
      { id: 'review', name: 'Review', type: 'review' },
      {
        id: 'audit',
        name: 'Audit',
        type: 'review',
        minRole: 'ADMIN',
        filter: { captionBy: 'human' },
      },
      { id: 'rework', name: 'Rework', type: 'rework' },
      { id: 'done', name: 'Done', type: 'done' },
    ],
  });
}
