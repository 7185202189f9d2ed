// Everything the row detail view shows: the row, each model prediction with its provenance, the
// current label and the label's full history.
import type { Db, LabelStatus, RevisionAction } from '@captionary/db';
import { WorkflowConfig } from '@captionary/shared';
import { notFound } from '../../errors';

export interface RowPrediction {
  id: string;
  caption: string;
  /** Mean token log-probability. */
  score: number;
  latencyMs: number;
  params: unknown;
  createdAt: Date;
  jobId: string;
  model: { name: string; checksum: string; tiny: boolean };
}

export interface RowRevision {
  id: string;
  action: RevisionAction;
  stepId: string | null;
  before: string | null;
  after: string | null;
  comment: string | null;
  createdAt: Date;
  /** Null when the model or the system made the change. */
  actorName: string | null;
}

export interface RowDetail {
  id: string;
  projectId: string;
  externalId: string;
  sourceUri: string;
  mimeType: string;
  byteSize: number;
  width: number;
  height: number;
  sha256: string;
  createdAt: Date;
  removedAt: Date | null;
  step: { id: string; name: string } | null;
  label: {
    caption: string;
    status: LabelStatus;
    version: number;
    sourcePredictionId: string | null;
    createdByName: string | null;
    updatedAt: Date;
    revisions: RowRevision[];
  } | null;
  predictions: RowPrediction[];
}

/** A data row of the team with its predictions and label history; NOT_FOUND otherwise. */
export async function getRowDetail(db: Db, teamId: string, rowId: string): Promise<RowDetail> {
  const row = await db.dataRow.findFirst({
    where: { id: rowId, project: { teamId } },
    include: {
      project: { select: { workflowConfig: true } },
      workItem: { select: { stepId: true } },
      predictions: {
        orderBy: { createdAt: 'desc' },
        include: { modelVersion: { select: { name: true, checksum: true, tiny: true } } },
      },
      label: {
        include: {
          createdBy: { select: { name: true } },
          revisions: {
            orderBy: { createdAt: 'asc' },
            include: { actor: { select: { name: true } } },
          },
        },
      },
    },
  });
  if (!row) throw notFound('Data row');
  const workflow = WorkflowConfig.safeParse(row.project.workflowConfig);
  const stepId = row.workItem?.stepId ?? null;
  const stepName =
    (workflow.success ? workflow.data.steps.find((s) => s.id === stepId)?.name : undefined) ??
    stepId;
  return {
    id: row.id,
    projectId: row.projectId,
    externalId: row.externalId,
    sourceUri: row.sourceUri,
    mimeType: row.mimeType,
    byteSize: row.byteSize,
    width: row.width,
    height: row.height,
    sha256: row.sha256,
    createdAt: row.createdAt,
    removedAt: row.removedAt,
    step: stepId && stepName ? { id: stepId, name: stepName } : null,
    label: row.label
      ? {
          caption: row.label.caption,
          status: row.label.status,
          version: row.label.version,
          sourcePredictionId: row.label.sourcePredictionId,
          createdByName: row.label.createdBy?.name ?? null,
          updatedAt: row.label.updatedAt,
          revisions: row.label.revisions.map((revision) => ({
            id: revision.id,
            action: revision.action,
            stepId: revision.stepId,
            before: revision.before,
            after: revision.after,
            comment: revision.comment,
            createdAt: revision.createdAt,
            actorName: revision.actor?.name ?? null,
          })),
        }
      : null,
    predictions: row.predictions.map((prediction) => ({
      id: prediction.id,
      caption: prediction.caption,
      score: prediction.score,
      latencyMs: prediction.latencyMs,
      params: prediction.params,
      createdAt: prediction.createdAt,
      jobId: prediction.jobId,
      model: prediction.modelVersion,
    })),
  };
}
