import { roleAtLeast } from '@captionary/shared';
import type { Metadata } from 'next';
import { requireRequestTeam } from '../../../../../server/request-team';
import { JobsOverview } from './jobs-overview';

export const metadata: Metadata = { title: 'Caption jobs' };

export default async function JobsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { active } = await requireRequestTeam(`/projects/${projectId}/jobs`);
  if (!active) return null;
  return <JobsOverview projectId={projectId} canLaunch={roleAtLeast(active.role, 'ADMIN')} />;
}
