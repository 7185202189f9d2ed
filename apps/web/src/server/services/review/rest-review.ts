// The REST surface of review for machine clients: claim, submit, approve, reject. An API key
// acts as the member who created it (see reviewer.ts); responses are kept lean (no history).
import type { Db } from '@captionary/db';
import {
  ApproveInput,
  ClaimFilter,
  ObjectId,
  RejectInput,
  SubmitInput,
  type TransitionResult,
} from '@captionary/shared';
import { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { describeValidationError } from '../../field-errors';
import { apiKeyRoute, type ApiKeyRequest } from '../../rest/api-key-route';
import { readJsonBody } from '../../rest/json-body';
import { jsonResponse } from '../../rest/json-response';
import type { ApiKeyActor } from '../api-keys';
import {
  claimNextItem,
  readQueueProject,
  type ClaimedItem,
  type QueueProject,
} from './claim-queue';
import { reviewerForApiKey, type Reviewer } from './reviewer';
import { readTransitionItem, type TransitionItem } from './transition-item';
import { approveItem, rejectItem, submitItem } from './transitions';
import { rowImageUrls } from './work-item-view';

/** A claimed item as the REST API returns it: the row with its image URLs, caption, version. */
export type RestClaimedItem = Omit<ClaimedItem, 'row'> & {
  row: ClaimedItem['row'] & { imageUrl: string; thumbUrl: string };
};

const StepIdParam = z.string().min(1).max(40);

function parseClaimFilter(input: unknown, where: string): ClaimFilter {
  const parsed = ClaimFilter.safeParse(input);
  if (!parsed.success) {
    throw new AppError('INVALID_INPUT', `${where}: ${describeValidationError(parsed.error)}`);
  }
  return parsed.data;
}

/** The filter from the query string or the JSON body (no body means none); both must agree. */
async function readClaimFilter(request: Request): Promise<ClaimFilter> {
  const query = parseClaimFilter(
    Object.fromEntries(new URL(request.url).searchParams),
    'Invalid claim query',
  );
  const text = await request.text();
  if (!text.trim()) return query;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('INVALID_INPUT', 'Request body is not valid JSON');
  }
  const body = parseClaimFilter(json, 'Invalid claim filter');
  if (query.lint && body.lint && query.lint !== body.lint) {
    throw new AppError('INVALID_INPUT', 'The query and the body name different lint filters');
  }
  return { lint: body.lint ?? query.lint };
}

type ClaimParams = { projectId: string; stepId: string };

function projectIdFrom(params: ClaimParams): string {
  const parsed = ObjectId.safeParse(params.projectId);
  if (!parsed.success) throw notFound('Project');
  return parsed.data;
}

/** The claim's first read (see apiKeyRoute's prefetch): the project's workflow and lint rules. */
export function prefetchQueueProject({
  db,
  actor,
  params,
}: ApiKeyRequest<ClaimParams>): Promise<QueueProject> {
  return readQueueProject(db, actor.teamId, projectIdFrom(params));
}

/**
 * POST /api/v1/projects/:projectId/steps/:stepId/claim[?lint=] with an optional `{ lint }` body
 * → 200 `{ item }` or 204 when no (matching) item waits. `project` is what the route's prefetch
 * read (prefetchQueueProject).
 */
export async function restClaim(
  db: Db,
  actor: ApiKeyActor,
  request: Request,
  params: ClaimParams,
  leaseMs: number,
  project: QueueProject,
): Promise<Response> {
  const stepId = StepIdParam.safeParse(params.stepId);
  if (!stepId.success) throw notFound('Workflow step');
  const filter = await readClaimFilter(request);
  const reviewer = reviewerForApiKey(actor);
  const item = await claimNextItem(
    db,
    reviewer,
    // The prefetch parsed the project id from the path and found the team's project.
    { projectId: project.id, stepId: stepId.data, ...filter },
    leaseMs,
    project,
  );
  if (!item) return new Response(null, { status: 204 });
  const body: { item: RestClaimedItem } = {
    item: { ...item, row: { ...item.row, ...rowImageUrls(item.row.id) } },
  };
  return jsonResponse(body);
}

function itemIdFrom(params: { itemId: string }): string {
  const parsed = ObjectId.safeParse(params.itemId);
  if (!parsed.success) throw notFound('Work item');
  return parsed.data;
}

/** A transition's first read (see apiKeyRoute's prefetch): the item, as transitions read it. */
function prefetchTransitionItem({
  db,
  actor,
  params,
}: ApiKeyRequest<{ itemId: string }>): Promise<TransitionItem> {
  return readTransitionItem(db, actor.teamId, itemIdFrom(params));
}

const SubmitBody = SubmitInput.omit({ itemId: true });
const ApproveBody = ApproveInput.omit({ itemId: true });
const RejectBody = RejectInput.omit({ itemId: true });

export type RestTransition = 'submit' | 'approve' | 'reject';

/**
 * A transition's route: its JSON body is the transition's input without the item id, which the
 * path gives; `apply` runs it on the item the route's prefetch read (prefetchTransitionItem).
 */
function transitionRoute<Body extends object>(
  body: z.ZodType<Body>,
  apply: (
    db: Db,
    reviewer: Reviewer,
    input: Body & { itemId: string },
    read: TransitionItem,
  ) => Promise<TransitionResult>,
) {
  return apiKeyRoute(
    'LABELER',
    async ({ db, actor, request }, read: TransitionItem): Promise<{ item: TransitionResult }> => {
      const input = await readJsonBody(request, body);
      // The prefetch parsed the id from the path and found the team's item.
      const item = await apply(db, reviewerForApiKey(actor), { ...input, itemId: read.id }, read);
      return { item };
    },
    prefetchTransitionItem,
  );
}

/**
 * The handler of POST /api/v1/work-items/:itemId/{submit,approve,reject}, for keys of labelers and
 * up → 200 `{ item: TransitionResult }`; a stale version answers 409 with `current`, the item as
 * it is now.
 */
export function restTransitionRoute(transition: RestTransition) {
  switch (transition) {
    case 'submit':
      return transitionRoute(SubmitBody, submitItem);
    case 'approve':
      return transitionRoute(ApproveBody, approveItem);
    case 'reject':
      return transitionRoute(RejectBody, rejectItem);
  }
}
