import { roleAtLeast } from '@captionary/shared';
import type { Metadata } from 'next';
import { requireRequestTeam } from '../../../../../server/request-team';
import { AnalyticsDashboard } from './_components/analytics-dashboard';

export const metadata: Metadata = { title: 'Acceptance analytics' };

export default async function AnalyticsPage({
  params,
}: {
  params: Promise<{ projectId: string }>;
}) {
  const { projectId } = await params;
  const { active } = await requireRequestTeam(`/projects/${projectId}/analytics`);
  if (!active) return null;
  if (!roleAtLeast(active.role, 'REVIEWER')) {
    return (
      <section className="panel narrow">
        <h1>Acceptance analytics</h1>
        <p>Analytics show each person’s pace, so they are open to reviewers, admins and owners.</p>
      </section>
    );
  }
  return <AnalyticsDashboard projectId={projectId} />;
}
