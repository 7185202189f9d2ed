import { roleAtLeast } from '@captionary/shared';
import type { Metadata } from 'next';
import { requireRequestTeam } from '../../../../../server/request-team';
import { ProjectSettings } from './project-settings';

export const metadata: Metadata = { title: 'Project settings' };

export default async function ProjectSettingsPage({
  params,
}: {
  params: Promise<{ projectId: string }>;
}) {
  const { projectId } = await params;
  const { active } = await requireRequestTeam(`/projects/${projectId}/settings`);
  if (!active) return null;
  return <ProjectSettings projectId={projectId} canManage={roleAtLeast(active.role, 'ADMIN')} />;
}
