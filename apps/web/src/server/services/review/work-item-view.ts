// Builds what the caption editor shows for one work item: row, caption, pre-label provenance,
// history and comments, in a fixed number of queries whatever the history's length.
import type { Prisma } from '@captionary/db';
import type { WorkItemView } from '@captionary/shared';
import { notFound } from '../../errors';
import type { DbClient } from '../actor';
import { findStep, parseStoredWorkflow } from './workflow-routing';

/** Image routes the editor loads (they check the session's team themselves). */
export function rowImageUrls(rowId: string): { imageUrl: string; thumbUrl: string } {
  return {
    imageUrl: `/api/images/${rowId}?variant=original`,
    thumbUrl: `/api/images/${rowId}?variant=thumb`,
  };
}

const VIEW_SELECT = {
  id: true,
  projectId: true,
  version: true,
  stepId: true,
  status: true,
  leaseExpiresAt: true,
  claimedBy: { select: { id: true, name: true } },
  project: { select: { workflowConfig: true, captionInstructions: true } },
  reviewComments: {
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      body: true,
      stepId: true,
      createdAt: true,
      author: { select: { name: true } },
    },
  },
  dataRow: {
    select: {
      id: true,
      externalId: true,
      width: true,
      height: true,
      label: {
        select: {
          caption: true,
          status: true,
          createdById: true,
          sourcePrediction: {
            select: {
              caption: true,
              score: true,
              latencyMs: true,
              params: true,
              jobId: true,
              createdAt: true,
              modelVersion: { select: { name: true, checksum: true, tiny: true } },
            },
          },
          revisions: {
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
            select: {
              id: true,
              action: true,
              stepId: true,
              before: true,
              after: true,
              comment: true,
              createdAt: true,
              actor: { select: { id: true, name: true } },
            },
          },
        },
      },
    },
  },
} satisfies Prisma.WorkItemSelect;

type ViewRow = Prisma.WorkItemGetPayload<{ select: typeof VIEW_SELECT }>;

function toView(item: ViewRow): WorkItemView {
  const workflow = parseStoredWorkflow(item.project.workflowConfig);
  const step = findStep(workflow, item.stepId);
  const label = item.dataRow.label;
  const prediction = label?.sourcePrediction;
  return {
    id: item.id,
    projectId: item.projectId,
    version: item.version,
    // Re-routing keeps every item in an existing step; the fallback only guards a bad config.
    step: step
      ? { id: step.id, name: step.name, type: step.type }
      : { id: item.stepId, name: item.stepId, type: 'label' },
    status: item.status,
    claimedBy: item.claimedBy,
    leaseExpiresAt: item.leaseExpiresAt?.toISOString() ?? null,
    row: {
      id: item.dataRow.id,
      externalId: item.dataRow.externalId,
      width: item.dataRow.width,
      height: item.dataRow.height,
      ...rowImageUrls(item.dataRow.id),
    },
    caption: {
      text: label?.caption ?? '',
      status: label?.status ?? 'DRAFT',
      byModel: label ? label.createdById === null : false,
    },
    prelabel: prediction
      ? {
          caption: prediction.caption,
          score: prediction.score,
          modelName: prediction.modelVersion.name,
          modelChecksum: prediction.modelVersion.checksum,
          tiny: prediction.modelVersion.tiny,
          params: (prediction.params ?? {}) as Record<string, unknown>,
          latencyMs: prediction.latencyMs,
          jobId: prediction.jobId,
          createdAt: prediction.createdAt.toISOString(),
        }
      : null,
    instructions: item.project.captionInstructions,
    history: (label?.revisions ?? []).map((revision) => ({
      ...revision,
      createdAt: revision.createdAt.toISOString(),
    })),
    comments: item.reviewComments.map((comment) => ({
      id: comment.id,
      body: comment.body,
      stepId: comment.stepId,
      author: comment.author?.name ?? null,
      createdAt: comment.createdAt.toISOString(),
    })),
  };
}

/** The item as the editor shows it; NOT_FOUND when it does not exist in the team. */
export async function getWorkItemView(
  db: DbClient,
  teamId: string,
  itemId: string,
): Promise<WorkItemView> {
  const item = await db.workItem.findFirst({
    where: { id: itemId, project: { teamId } },
    select: VIEW_SELECT,
  });
  if (!item) throw notFound('Work item');
  return toView(item);
}
