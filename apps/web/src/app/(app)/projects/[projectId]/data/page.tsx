import { roleAtLeast } from '@captionary/shared';
import type { Metadata } from 'next';
import { requireRequestTeam } from '../../../../../server/request-team';
import { DataPage } from './_components/data-page';

export const metadata: Metadata = { title: 'Project data' };

export default async function ProjectDataPage({
  params,
}: {
  params: Promise<{ projectId: string }>;
}) {
  const { projectId } = await params;
  const { active } = await requireRequestTeam(`/projects/${projectId}/data`);
  if (!active) return null;
  return <DataPage projectId={projectId} canManage={roleAtLeast(active.role, 'ADMIN')} />;
}
