import { roleAtLeast } from '@captionary/shared';
import type { Metadata } from 'next';
import { requireRequestTeam } from '../../server/request-team';
import { ProjectsDashboard } from './_components/projects-dashboard';

export const metadata: Metadata = { title: 'Projects' };

export default async function DashboardPage() {
  const { active } = await requireRequestTeam('/');
  if (!active) return null; // the layout explains how to join or start a team
  return <ProjectsDashboard teamName={active.name} canManage={roleAtLeast(active.role, 'ADMIN')} />;
}
