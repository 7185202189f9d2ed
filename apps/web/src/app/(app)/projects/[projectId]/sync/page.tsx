import { roleAtLeast } from '@captionary/shared';
import type { Metadata } from 'next';
import { requireRequestTeam } from '../../../../../server/request-team';
import { SyncPage } from './_components/sync-page';

export const metadata: Metadata = { title: 'Sync captions' };

export default async function ProjectSyncPage({
  params,
}: {
  params: Promise<{ projectId: string }>;
}) {
  const { projectId } = await params;
  const { active } = await requireRequestTeam(`/projects/${projectId}/sync`);
  if (!active) return null;
  return <SyncPage projectId={projectId} canManage={roleAtLeast(active.role, 'ADMIN')} />;
}
