import { roleAtLeast, RowFilter } from '@captionary/shared';
import type { Metadata } from 'next';
import { requireRequestTeam } from '../../../../../server/request-team';
import { RowBrowser } from './row-browser';

export const metadata: Metadata = { title: 'Rows' };

/** Filters a link may preset, e.g. a job page's "Browse this job's rows" (?job=<id>). */
function filterFromSearch(search: Record<string, string | string[] | undefined>): RowFilter {
  const one = (key: string) => (typeof search[key] === 'string' ? search[key] : undefined);
  const parsed = RowFilter.safeParse({
    jobId: one('job'),
    stepId: one('step'),
    labelStatus: one('status'),
    text: one('q'),
  });
  return parsed.success ? parsed.data : {};
}

export default async function RowsPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { projectId } = await params;
  const { active } = await requireRequestTeam(`/projects/${projectId}/rows`);
  if (!active) return null;
  return (
    <RowBrowser
      projectId={projectId}
      initialFilter={filterFromSearch(await searchParams)}
      canLaunch={roleAtLeast(active.role, 'ADMIN')}
    />
  );
}
