import { roleAtLeast } from '@captionary/shared';
import type { Metadata } from 'next';
import { requireRequestTeam } from '../../../../../server/request-team';
import { ExportsOverview } from './_components/exports-overview';

export const metadata: Metadata = { title: 'Exports' };

export default async function ExportsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { active } = await requireRequestTeam(`/projects/${projectId}/exports`);
  if (!active) return null;
  if (!roleAtLeast(active.role, 'REVIEWER')) {
    return (
      <section className="panel">
        <h1>Exports</h1>
        <p className="muted">Exports need the reviewer role or higher; ask an admin of the team.</p>
      </section>
    );
  }
  return <ExportsOverview projectId={projectId} />;
}
