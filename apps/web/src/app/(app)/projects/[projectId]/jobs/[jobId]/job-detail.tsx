'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';
import {
  JOB_STATUS_LABELS,
  formatDuration,
  formatRate,
  formatWhen,
  isActiveJobStatus,
} from '../_components/job-format';
import { JobProgressBar } from '../_components/job-progress-bar';
import styles from '../_components/jobs.module.css';
import { JobFailures } from './job-failures';

interface JobDetailProps {
  projectId: string;
  jobId: string;
  canManage: boolean;
}

/** One job: live progress (polled every second while active), counts, controls and failures. */
export function JobDetail({ projectId, jobId, canManage }: JobDetailProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const job = useQuery(
    trpc.captionJobs.get.queryOptions(
      { jobId },
      {
        refetchInterval: (query) => (isActiveJobStatus(query.state.data?.status) ? 1_000 : false),
        staleTime: 0,
      },
    ),
  );
  const refresh = () => queryClient.invalidateQueries(trpc.captionJobs.pathFilter());
  const cancel = useMutation(trpc.captionJobs.cancel.mutationOptions({ onSuccess: refresh }));
  const retry = useMutation(trpc.captionJobs.retryFailed.mutationOptions({ onSuccess: refresh }));

  if (job.isPending) return <p className="muted">Loading job…</p>;
  if (job.error) {
    return (
      <section className="panel narrow">
        <h1>Job unavailable</h1>
        <FormError message={errorMessage(job.error)} />
        <Link href={`/projects/${projectId}/jobs`}>Back to jobs</Link>
      </section>
    );
  }
  const data = job.data;
  const { counts } = data.progress;
  const active = isActiveJobStatus(data.status);
  const params = data.params as Record<string, unknown>;
  const tiny = data.modelVersion?.tiny;

  return (
    <div className="stack">
      <div className="page-title">
        <div>
          <p className="eyebrow">
            <Link href={`/projects/${projectId}/jobs`}>Caption jobs</Link> /{' '}
            {formatWhen(data.createdAt)}
          </p>
          <h1>
            Caption job{' '}
            <span className={styles.status} data-status={data.status} data-testid="job-status">
              {JOB_STATUS_LABELS[data.status]}
            </span>
          </h1>
        </div>
        {canManage ? (
          <div className={styles.actions}>
            {active && data.status !== 'CANCELLING' ? (
              <button
                type="button"
                className="button button--danger"
                disabled={cancel.isPending}
                onClick={() => cancel.mutate({ jobId })}
              >
                Cancel job
              </button>
            ) : null}
            {!active && counts.failed > 0 ? (
              <button
                type="button"
                className="button"
                disabled={retry.isPending}
                onClick={() => retry.mutate({ jobId })}
              >
                Retry {counts.failed} failed
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      <FormError message={errorMessage(cancel.error) ?? errorMessage(retry.error)} />

      <section className="panel" aria-labelledby="progress-heading">
        <h2 id="progress-heading">Progress</h2>
        <JobProgressBar counts={counts} label="Job progress" />
        <dl className={styles.stats}>
          {(
            [
              ['Total', counts.total.toLocaleString()],
              ['Done', counts.done.toLocaleString()],
              ['Failed', counts.failed.toLocaleString()],
              ['Skipped', counts.skipped.toLocaleString()],
              ['Pending', counts.pending.toLocaleString()],
              [
                'Speed',
                data.progress.rate === null ? (
                  '—'
                ) : (
                  <>
                    {formatRate(data.progress.rate)}
                    {/* A smaller unit keeps the figure on one line in its card. */}
                    <span className={styles.unit}> images/s</span>
                  </>
                ),
              ],
              ['Time left', active ? formatDuration(data.progress.etaSeconds) : '—'],
            ] as const
          ).map(([term, value]) => (
            <div key={term} className={styles.stat}>
              <dt>{term}</dt>
              <dd data-testid={`job-${term.toLowerCase().replace(' ', '-')}`}>{value}</dd>
            </div>
          ))}
        </dl>
        {data.status === 'CANCELLING' ? (
          <p className="muted">Stopping after the batches in flight; their captions are kept.</p>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <dl className="facts">
          <dt>Model</dt>
          <dd>
            {data.modelName}{' '}
            {tiny ? (
              <span className="badge badge--muted">tiny model — placeholder captions</span>
            ) : null}
          </dd>
          <dt>Model build</dt>
          <dd>
            {data.modelVersion ? (
              <code>{data.modelVersion.checksum.slice(0, 12)}</code>
            ) : (
              'not started yet'
            )}
          </dd>
          <dt>Max / min new tokens</dt>
          <dd>
            {String(params.maxNewTokens)} / {String(params.minNewTokens ?? 0)}
          </dd>
          <dt>Beams</dt>
          <dd>{String(params.numBeams)}</dd>
          {typeof params.prompt === 'string' ? (
            <>
              <dt>Prompt</dt>
              <dd>{params.prompt}</dd>
            </>
          ) : null}
          <dt>Force</dt>
          <dd>{data.force ? 'yes: captioned again even where captions existed' : 'no'}</dd>
          <dt>Started by</dt>
          <dd>{data.createdBy?.name ?? 'an API key'}</dd>
          <dt>Rows</dt>
          <dd>
            <Link href={`/projects/${projectId}/rows?job=${jobId}`}>Browse this job's rows</Link>
          </dd>
        </dl>
      </section>

      <section className="panel" aria-labelledby="failures-heading">
        <h2 id="failures-heading">Failures</h2>
        <JobFailures projectId={projectId} jobId={jobId} failedCount={counts.failed} />
      </section>
    </div>
  );
}
