// What an export should contain, read through Prisma (not through the export's own SQL), so that
// tests compare the export with the database rather than with itself.
import type { Db, LabelStatus } from '@captionary/db';

export interface ExpectedLabel {
  labelId: string;
  dataRowId: string;
  externalId: string;
  sourceUri: string;
  width: number;
  height: number;
  caption: string;
  status: LabelStatus;
  stepId: string | null;
  authorEmail: string | null;
  reviews: { reviewer: string | null; action: string; comment: string | null; at: string }[];
  prelabel: { caption: string; modelName: string; modelChecksum: string; score: number } | null;
  updatedAt: Date;
}

export async function expectedLabels(
  db: Db,
  projectId: string,
  statuses: LabelStatus[] = ['APPROVED'],
): Promise<ExpectedLabel[]> {
  const labels = await db.label.findMany({
    where: { projectId, status: { in: statuses }, dataRow: { removedAt: null } },
    orderBy: { dataRow: { externalId: 'asc' } },
    include: {
      dataRow: { include: { workItem: true } },
      createdBy: true,
      sourcePrediction: { include: { modelVersion: true } },
      revisions: {
        where: { action: { in: ['APPROVE', 'REJECT'] } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { actor: true },
      },
    },
  });
  return labels.map((label) => ({
    labelId: label.id,
    dataRowId: label.dataRowId,
    externalId: label.dataRow.externalId,
    sourceUri: label.dataRow.sourceUri,
    width: label.dataRow.width,
    height: label.dataRow.height,
    caption: label.caption,
    status: label.status,
    stepId: label.dataRow.workItem?.stepId ?? null,
    authorEmail: label.createdBy?.email ?? null,
    reviews: label.revisions.map((revision) => ({
      reviewer: revision.actor?.email ?? null,
      action: revision.action,
      comment: revision.comment,
      at: revision.createdAt.toISOString(),
    })),
    prelabel: label.sourcePrediction
      ? {
          caption: label.sourcePrediction.caption,
          modelName: label.sourcePrediction.modelVersion.name,
          modelChecksum: label.sourcePrediction.modelVersion.checksum,
          score: label.sourcePrediction.score,
        }
      : null,
    updatedAt: label.updatedAt,
  }));
}
