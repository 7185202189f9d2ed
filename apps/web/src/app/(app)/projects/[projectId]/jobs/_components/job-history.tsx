'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';
import { JOB_STATUS_LABELS, formatWhen, isActiveJobStatus } from './job-format';
import { JobProgressBar } from './job-progress-bar';
import styles from './jobs.module.css';

/** A project's jobs, newest first, each with its progress; refreshes while any is active. */
export function JobHistory({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const jobs = useInfiniteQuery(
    trpc.captionJobs.list.infiniteQueryOptions(
      { projectId, limit: 20 },
      {
        getNextPageParam: (page) => page.nextCursor,
        refetchInterval: (query) =>
          query.state.data?.pages.some((p) => p.jobs.some((j) => isActiveJobStatus(j.status)))
            ? 2_000
            : false,
      },
    ),
  );
  if (jobs.isPending) return <p className="muted">Loading jobs…</p>;
  if (jobs.error) return <FormError message={errorMessage(jobs.error)} />;
  const all = jobs.data.pages.flatMap((page) => page.jobs);
  if (all.length === 0) return <p className="empty">No caption jobs yet.</p>;
  return (
    <>
      <ul className={styles.list} aria-label="Caption jobs" data-testid="job-history">
        {all.map((job) => (
          <li key={job.id} className={styles.historyItem}>
            <div>
              <Link href={`/projects/${projectId}/jobs/${job.id}`}>
                {formatWhen(job.createdAt)}
              </Link>
              <div className="muted">
                {job.modelName}
                {job.modelVersion?.tiny ? ' (tiny)' : ''} · {job.createdBy?.name ?? 'API key'}
              </div>
            </div>
            <JobProgressBar counts={job.progress.counts} label={`Progress of job ${job.id}`} />
            <span className={styles.status} data-status={job.status}>
              {JOB_STATUS_LABELS[job.status]}
            </span>
          </li>
        ))}
      </ul>
      {jobs.hasNextPage ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => jobs.fetchNextPage()}
          disabled={jobs.isFetchingNextPage}
        >
          {jobs.isFetchingNextPage ? 'Loading…' : 'Show older jobs'}
        </button>
      ) : null}
    </>
  );
}
