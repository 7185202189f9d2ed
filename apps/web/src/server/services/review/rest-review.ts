// The REST surface of review for machine clients: claim, submit, approve, reject. An API key
// acts as the member who created it (see reviewer.ts); responses are kept lean (no history).
import type { Db } from '@captionary/db';
import {
  ApproveInput,
  ObjectId,
  RejectInput,
  SubmitInput,
  type TransitionResult,
} from '@captionary/shared';
import { z } from 'zod';
import { notFound } from '../../errors';
import { readJsonBody } from '../../rest/json-body';
import type { ApiKeyActor } from '../api-keys';
import { claimNextItem, type ClaimedItem } from './claim-queue';
import { reviewerForApiKey } from './reviewer';
import { approveItem, rejectItem, submitItem } from './transitions';
import { rowImageUrls } from './work-item-view';

/** A claimed item as the REST API returns it: the row with its image URLs, caption, version. */
export type RestClaimedItem = Omit<ClaimedItem, 'row'> & {
  row: ClaimedItem['row'] & { imageUrl: string; thumbUrl: string };
};

const StepIdParam = z.string().min(1).max(40);

/** POST /api/v1/projects/:projectId/steps/:stepId/claim → 200 `{ item }` or 204 when empty. */
export async function restClaim(
  db: Db,
  actor: ApiKeyActor,
  params: { projectId: string; stepId: string },
  leaseMs: number,
): Promise<Response> {
  const projectId = ObjectId.safeParse(params.projectId);
  if (!projectId.success) throw notFound('Project');
  const stepId = StepIdParam.safeParse(params.stepId);
  if (!stepId.success) throw notFound('Workflow step');
  const reviewer = await reviewerForApiKey(db, actor);
  const item = await claimNextItem(
    db,
    reviewer,
    { projectId: projectId.data, stepId: stepId.data },
    leaseMs,
  );
  if (!item) return new Response(null, { status: 204 });
  const body: { item: RestClaimedItem } = {
    item: { ...item, row: { ...item.row, ...rowImageUrls(item.row.id) } },
  };
  return Response.json(body);
}

function itemIdFrom(params: { itemId: string }): string {
  const parsed = ObjectId.safeParse(params.itemId);
  if (!parsed.success) throw notFound('Work item');
  return parsed.data;
}

const SubmitBody = SubmitInput.omit({ itemId: true });
const ApproveBody = ApproveInput.omit({ itemId: true });
const RejectBody = RejectInput.omit({ itemId: true });

export type RestTransition = 'submit' | 'approve' | 'reject';

/**
 * POST /api/v1/work-items/:itemId/{submit,approve,reject} → 200 `{ item: TransitionResult }`;
 * a stale version answers 409 with `current`, the item as it is now.
 */
export async function restTransition(
  db: Db,
  actor: ApiKeyActor,
  request: Request,
  params: { itemId: string },
  transition: RestTransition,
): Promise<{ item: TransitionResult }> {
  const itemId = itemIdFrom(params);
  switch (transition) {
    case 'submit': {
      const body = await readJsonBody(request, SubmitBody);
      return {
        item: await submitItem(db, await reviewerForApiKey(db, actor), { ...body, itemId }),
      };
    }
    case 'approve': {
      const body = await readJsonBody(request, ApproveBody);
      return {
        item: await approveItem(db, await reviewerForApiKey(db, actor), { ...body, itemId }),
      };
    }
    case 'reject': {
      const body = await readJsonBody(request, RejectBody);
      return {
        item: await rejectItem(db, await reviewerForApiKey(db, actor), { ...body, itemId }),
      };
    }
  }
}
