import type { Metadata } from 'next';
import { requireRequestTeam } from '../../../../../server/request-team';
import { ReviewQueues } from './_components/review-queues';

export const metadata: Metadata = { title: 'Review' };

export default async function ReviewPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { active } = await requireRequestTeam(`/projects/${projectId}/review`);
  if (!active) return null;
  return <ReviewQueues projectId={projectId} />;
}
