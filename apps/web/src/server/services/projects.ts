import type { Db } from '@captionary/db';
import {
  defaultWorkflow,
  WorkflowConfig,
  type CreateProjectRequest,
  type UpdateProjectRequest,
  type WorkflowStep,
} from '@captionary/shared';
import { notFound } from '../errors';
import type { TeamActor } from './actor';
import { recordAudit } from './audit';
import { countProjectContents, type ProjectCounts } from './project-counts';

export interface ProjectSummary {
  id: string;
  name: string;
  description: string;
  captionInstructions: string;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  counts: ProjectCounts;
}

/** A workflow step as clients see it; review filters and member lists stay server-side. */
export interface WorkflowStepSummary {
  id: string;
  name: string;
  type: WorkflowStep['type'];
}

export interface ProjectDetail extends ProjectSummary {
  workflow: { steps: WorkflowStepSummary[] };
}

const PROJECT_SELECT = {
  id: true,
  name: true,
  description: true,
  captionInstructions: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** A team's projects with their counts; archived ones only on request. */
export async function listProjects(
  db: Db,
  teamId: string,
  { includeArchived = false }: { includeArchived?: boolean } = {},
): Promise<ProjectSummary[]> {
  const projects = await db.project.findMany({
    where: { teamId, ...(includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: PROJECT_SELECT,
  });
  const counts = await countProjectContents(
    db,
    projects.map((p) => p.id),
  );
  return projects.map((project) => ({ ...project, counts: counts.get(project.id)! }));
}

/** One project of the team, with workflow steps and counts; NOT_FOUND for other teams' ids. */
export async function getProject(
  db: Db,
  teamId: string,
  projectId: string,
): Promise<ProjectDetail> {
  const project = await db.project.findFirst({
    where: { id: projectId, teamId },
    select: { ...PROJECT_SELECT, workflowConfig: true },
  });
  if (!project) throw notFound('Project');
  const { workflowConfig, ...rest } = project;
  const counts = await countProjectContents(db, [project.id]);
  return { ...rest, counts: counts.get(project.id)!, workflow: summarizeWorkflow(workflowConfig) };
}

function summarizeWorkflow(raw: unknown): { steps: WorkflowStepSummary[] } {
  const parsed = WorkflowConfig.safeParse(raw);
  if (!parsed.success) {
    // Stored configs are validated on write; a broken one is a bug to report, not to show.
    console.error('project workflowConfig failed validation', parsed.error.issues);
    return { steps: [] };
  }
  return { steps: parsed.data.steps.map(({ id, name, type }) => ({ id, name, type })) };
}

/** Creates a project with the default workflow (label → review → done, rework on reject). */
export async function createProject(
  db: Db,
  actor: TeamActor,
  input: CreateProjectRequest,
): Promise<ProjectDetail> {
  const project = await db.$transaction(async (tx) => {
    const created = await tx.project.create({
      data: {
        teamId: actor.teamId,
        name: input.name,
        description: input.description ?? '',
        workflowConfig: defaultWorkflow(),
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: 'project.created',
      targetType: 'project',
      targetId: created.id,
      metadata: { name: input.name },
    });
    return created;
  });
  return getProject(db, actor.teamId, project.id);
}

/** Renames a project or changes its description or caption instructions. */
export async function updateProject(
  db: Db,
  actor: TeamActor,
  { projectId, ...changes }: UpdateProjectRequest,
): Promise<ProjectDetail> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.project.updateMany({
      where: { id: projectId, teamId: actor.teamId },
      data: changes,
    });
    if (count === 0) throw notFound('Project');
    await recordAudit(tx, actor, {
      action: 'project.updated',
      targetType: 'project',
      targetId: projectId,
      metadata: { fields: Object.keys(changes) },
    });
  });
  return getProject(db, actor.teamId, projectId);
}

/** Archives (hides from the dashboard, keeps all data) or restores a project. */
export async function setProjectArchived(
  db: Db,
  actor: TeamActor,
  projectId: string,
  archived: boolean,
): Promise<ProjectDetail> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.project.updateMany({
      where: { id: projectId, teamId: actor.teamId },
      data: { archivedAt: archived ? new Date() : null },
    });
    if (count === 0) throw notFound('Project');
    await recordAudit(tx, actor, {
      action: archived ? 'project.archived' : 'project.unarchived',
      targetType: 'project',
      targetId: projectId,
    });
  });
  return getProject(db, actor.teamId, projectId);
}
