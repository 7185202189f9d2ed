import { ObjectId } from '@captionary/shared';
import { notFound } from '../../../../../server/errors';

/** The job id of a /api/v1/caption-jobs/:jobId path; a malformed one is a 404 like any other. */
export function jobIdFrom(params: { jobId: string }): string {
  const parsed = ObjectId.safeParse(params.jobId);
  if (!parsed.success) throw notFound('Caption job');
  return parsed.data;
}
