// Projects with reviewed captions for the export tests, written straight to the database the way
// the review flow leaves them: pre-label, a labeler's edit, a submit, and an approval (or a
// rejection), each as a label revision.
import type { Db } from '@captionary/db';
import {
  createModelVersion,
  createProjectWithRows,
  seedPredictions,
  type SeededRow,
} from '../../../testing/caption-fixtures';

export interface ReviewedRow extends SeededRow {
  labelId: string;
  caption: string;
  prelabel: string;
}

export interface ReviewPeople {
  labelerId: string;
  reviewerId: string;
}

/** A project of `count` rows captioned by one model in one job, with DRAFT pre-labels. */
export async function createCaptionedProject(db: Db, teamId: string, count: number) {
  const { projectId, rows } = await createProjectWithRows(db, teamId, count);
  const model = await createModelVersion(db);
  const job = await seedPredictions(db, projectId, model, rows, {
    caption: (row) => `a small photo of ${row.externalId.replace('.jpg', '')}`,
  });
  return { projectId, rows, model, job };
}

/** The labeler rewrites the caption and submits it; the row waits in the review step. */
export async function submitCaption(
  db: Db,
  row: SeededRow,
  people: ReviewPeople,
  caption: string,
): Promise<ReviewedRow> {
  const label = await db.label.findUniqueOrThrow({ where: { dataRowId: row.id } });
  await db.label.update({
    where: { id: label.id },
    data: {
      caption,
      status: 'SUBMITTED',
      createdById: people.labelerId,
      version: { increment: 1 },
    },
  });
  await db.labelRevision.createMany({
    data: [
      {
        labelId: label.id,
        actorId: people.labelerId,
        action: 'EDIT',
        stepId: 'label',
        before: label.caption,
        after: caption,
      },
      { labelId: label.id, actorId: people.labelerId, action: 'SUBMIT', stepId: 'label' },
    ],
  });
  await db.workItem.update({ where: { dataRowId: row.id }, data: { stepId: 'review' } });
  return { ...row, labelId: label.id, caption, prelabel: label.caption };
}

/** The reviewer approves the submitted caption; the row leaves the workflow as done. */
export async function approveCaption(
  db: Db,
  row: ReviewedRow,
  reviewerId: string,
  { at = new Date(), comment = null }: { at?: Date; comment?: string | null } = {},
): Promise<void> {
  await db.label.update({
    where: { id: row.labelId },
    data: { status: 'APPROVED', approvedAt: at, updatedAt: at, version: { increment: 1 } },
  });
  await db.labelRevision.create({
    data: {
      labelId: row.labelId,
      actorId: reviewerId,
      action: 'APPROVE',
      stepId: 'review',
      comment,
      createdAt: at,
    },
  });
  await db.workItem.update({
    where: { dataRowId: row.id },
    data: { stepId: 'done', status: 'DONE' },
  });
}

/** The reviewer rejects the caption with a comment; the row goes to rework. */
export async function rejectCaption(
  db: Db,
  row: ReviewedRow,
  reviewerId: string,
  comment: string,
): Promise<void> {
  await db.label.update({ where: { id: row.labelId }, data: { status: 'REJECTED' } });
  await db.labelRevision.create({
    data: {
      labelId: row.labelId,
      actorId: reviewerId,
      action: 'REJECT',
      stepId: 'review',
      comment,
    },
  });
  await db.workItem.update({ where: { dataRowId: row.id }, data: { stepId: 'rework' } });
}
