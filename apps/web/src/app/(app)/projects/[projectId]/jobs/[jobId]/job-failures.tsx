'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect } from 'react';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';
import styles from '../_components/jobs.module.css';

/** A job's failed rows with the reason each failed, 25 at a time. */
export function JobFailures({
  projectId,
  jobId,
  failedCount,
}: {
  projectId: string;
  jobId: string;
  failedCount: number;
}) {
  const trpc = useTRPC();
  const failures = useInfiniteQuery(
    trpc.captionJobs.failures.infiniteQueryOptions(
      { jobId, limit: 25 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const { refetch } = failures;
  // The job page polls the counts; reload the list when the number of failures changes.
  useEffect(() => {
    void refetch();
  }, [failedCount, refetch]);

  if (failures.isPending) return <p className="muted">Loading failures…</p>;
  if (failures.error) return <FormError message={errorMessage(failures.error)} />;
  const rows = failures.data.pages.flatMap((page) => page.failures);
  if (rows.length === 0) return <p className="empty">No failures.</p>;
  return (
    <>
      <table className={`table ${styles.failures}`} data-testid="job-failures">
        <thead>
          <tr>
            <th scope="col">Image</th>
            <th scope="col">Reason</th>
            <th scope="col">Attempts</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.rowId}>
              <td>
                <Link href={`/projects/${projectId}/rows/${row.rowId}`}>{row.externalId}</Link>
              </td>
              <td>{row.error}</td>
              <td>{row.attempts}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {failures.hasNextPage ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => failures.fetchNextPage()}
          disabled={failures.isFetchingNextPage}
        >
          {failures.isFetchingNextPage ? 'Loading…' : 'Show more failures'}
        </button>
      ) : null}
    </>
  );
}
