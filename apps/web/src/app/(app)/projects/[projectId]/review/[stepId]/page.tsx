import type { Metadata } from 'next';
import { requireRequestTeam } from '../../../../../../server/request-team';
import { ReviewSession } from '../_components/review-session';

export const metadata: Metadata = { title: 'Caption editor' };

/** Working one step's queue: `?item=` names the claimed item so a reload keeps it. */
export default async function ReviewStepPage({
  params,
}: {
  params: Promise<{ projectId: string; stepId: string }>;
}) {
  const { projectId, stepId } = await params;
  const { active } = await requireRequestTeam(`/projects/${projectId}/review/${stepId}`);
  if (!active) return null;
  return <ReviewSession projectId={projectId} stepId={stepId} />;
}
