import type { Metadata } from 'next';
import { requireRequestTeam } from '../../../../../../server/request-team';
import { RowDetailView } from './row-detail-view';

export const metadata: Metadata = { title: 'Row' };

export default async function RowPage({
  params,
}: {
  params: Promise<{ projectId: string; rowId: string }>;
}) {
  const { projectId, rowId } = await params;
  const { active } = await requireRequestTeam(`/projects/${projectId}/rows/${rowId}`);
  if (!active) return null;
  return <RowDetailView projectId={projectId} rowId={rowId} />;
}
