import { roleAtLeast } from '@captionary/shared';
import type { Metadata } from 'next';
import { requireRequestTeam } from '../../../../../server/request-team';
import { WebhooksPage } from './_components/webhooks-page';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function ProjectWebhooksPage({
  params,
}: {
  params: Promise<{ projectId: string }>;
}) {
  const { projectId } = await params;
  const { active } = await requireRequestTeam(`/projects/${projectId}/webhooks`);
  if (!active) return null;
  if (!roleAtLeast(active.role, 'ADMIN')) {
    return (
      <section className="panel">
        <h1>Webhooks</h1>
        <p className="muted">
          Only admins and owners can see and manage a project&apos;s webhooks.
        </p>
      </section>
    );
  }
  return <WebhooksPage projectId={projectId} />;
}
