// The acceptance analytics page's numbers for one project: every figure is a SQL aggregate;
// only the per-group results (a row per model version, person and step) reach the app.
import type { Db } from '@captionary/db';
import { LIGHT_EDIT_MAX_RATIO, WorkflowConfig } from '@captionary/shared';
import { assertProjectInTeam } from '../data-rows/project-access';
import { acceptanceByLabeler, acceptanceByModel, type AcceptanceCounts } from './acceptance';
import { decisionsByStep } from './rejections';
import { paceByPerson, type PersonPace } from './throughput';

export interface ModelAcceptance extends AcceptanceCounts {
  modelVersionId: string;
  name: string;
  checksum: string;
  tiny: boolean;
}

export interface PersonAnalytics {
  userId: string;
  name: string;
  /** Null when they submitted no pre-labelled caption. */
  acceptance: AcceptanceCounts | null;
  /** Null when they finished nothing. */
  pace: PersonPace | null;
}

export interface StepRejections {
  stepId: string;
  name: string;
  approved: number;
  rejected: number;
  /** rejected ÷ (approved + rejected); null before the first decision. */
  rejectionRate: number | null;
}

/** Everything the analytics page shows, with the thresholds the figures were computed with. */
export interface ProjectAnalytics {
  lightEditMaxRatio: number;
  leaseSeconds: number;
  models: ModelAcceptance[];
  people: PersonAnalytics[];
  steps: StepRejections[];
}

function reviewSteps(workflowConfig: unknown): { id: string; name: string }[] {
  const parsed = WorkflowConfig.safeParse(workflowConfig);
  return parsed.success ? parsed.data.steps.filter((step) => step.type === 'review') : [];
}

/** A project's acceptance analytics; NOT_FOUND for other teams' projects. */
export async function getProjectAnalytics(
  db: Db,
  teamId: string,
  projectId: string,
  leaseSeconds: number,
): Promise<ProjectAnalytics> {
  const project = await assertProjectInTeam(db, teamId, projectId);
  const [byModel, byLabeler, pace, decisions] = await Promise.all([
    acceptanceByModel(db, projectId),
    acceptanceByLabeler(db, projectId),
    paceByPerson(db, projectId, leaseSeconds),
    decisionsByStep(db, projectId),
  ]);

  const [models, users] = await Promise.all([
    db.modelVersion.findMany({
      where: { id: { in: [...byModel.keys()] } },
      select: { id: true, name: true, checksum: true, tiny: true },
    }),
    db.user.findMany({
      where: { id: { in: [...new Set([...byLabeler.keys(), ...pace.keys()])] } },
      select: { id: true, name: true },
    }),
  ]);

  const steps = reviewSteps(project.workflowConfig).map((step) => {
    const counts = decisions.find((d) => d.stepId === step.id) ?? { approved: 0, rejected: 0 };
    const decided = counts.approved + counts.rejected;
    return {
      stepId: step.id,
      name: step.name,
      approved: counts.approved,
      rejected: counts.rejected,
      rejectionRate: decided > 0 ? counts.rejected / decided : null,
    };
  });

  return {
    lightEditMaxRatio: LIGHT_EDIT_MAX_RATIO,
    leaseSeconds,
    models: models
      .map((model) => ({
        modelVersionId: model.id,
        name: model.name,
        checksum: model.checksum,
        tiny: model.tiny,
        ...byModel.get(model.id)!,
      }))
      .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)),
    people: users
      .map((user) => ({
        userId: user.id,
        name: user.name,
        acceptance: byLabeler.get(user.id) ?? null,
        pace: pace.get(user.id) ?? null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    steps,
  };
}
