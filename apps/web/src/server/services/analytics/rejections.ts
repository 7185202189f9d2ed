// Rejection rate per review step: of the decisions taken in a step, the share that were rejects.
import type { Db } from '@captionary/db';

export interface StepDecisions {
  stepId: string;
  approved: number;
  rejected: number;
}

/** Approvals and rejections per step the item was in when the decision was taken. */
export async function decisionsByStep(db: Db, projectId: string): Promise<StepDecisions[]> {
  return db.$queryRaw<StepDecisions[]>`
    SELECT r."stepId" AS "stepId",
           count(*) FILTER (WHERE r.action = 'APPROVE')::int AS approved,
           count(*) FILTER (WHERE r.action = 'REJECT')::int AS rejected
    FROM "LabelRevision" r JOIN "Label" l ON l.id = r."labelId"
    WHERE l."projectId" = ${projectId}::uuid AND r.action IN ('APPROVE', 'REJECT')
      AND r."stepId" IS NOT NULL
    GROUP BY r."stepId"`;
}
