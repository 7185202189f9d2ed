import { roleAtLeast } from '@captionary/shared';
import type { Metadata } from 'next';
import { requireRequestTeam } from '../../../../../../server/request-team';
import { JobDetail } from './job-detail';

export const metadata: Metadata = { title: 'Caption job' };

export default async function JobPage({
  params,
}: {
  params: Promise<{ projectId: string; jobId: string }>;
}) {
  const { projectId, jobId } = await params;
  const { active } = await requireRequestTeam(`/projects/${projectId}/jobs/${jobId}`);
  if (!active) return null;
  return (
    <JobDetail projectId={projectId} jobId={jobId} canManage={roleAtLeast(active.role, 'ADMIN')} />
  );
}
