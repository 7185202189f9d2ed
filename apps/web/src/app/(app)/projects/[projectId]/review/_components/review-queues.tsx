'use client';

import type { QueueLintFilter, StepQueueCounts } from '@captionary/shared';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect } from 'react';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';
import { lintFilterFrom, lintFilterLabel, lintQuery, LintFilterSelect } from './lint-filter';
import { isTypingTarget } from './shortcuts';
import styles from './review.module.css';

const STEP_TYPE_LABELS: Record<StepQueueCounts['type'], string> = {
  label: 'Label',
  review: 'Review',
  rework: 'Rework',
  done: 'Done',
};

function canStart(queue: StepQueueCounts): boolean {
  return queue.canWork && (queue.queued > 0 || queue.claimedByMe > 0);
}

function QueueCard({
  projectId,
  queue,
  shortcutKey,
  lint,
}: {
  projectId: string;
  queue: StepQueueCounts;
  shortcutKey: number;
  lint: QueueLintFilter | undefined;
}) {
  const href = `/projects/${projectId}/review/${queue.stepId}${lintQuery(lint)}`;
  const resuming = queue.claimedByMe > 0;
  return (
    <li className={`${styles.queueCard} workflow__step--${queue.type}`} data-testid="step-queue">
      <div>
        <p className={styles.queueType}>{STEP_TYPE_LABELS[queue.type]}</p>
        <h2 className={styles.queueName}>{queue.name}</h2>
      </div>
      <dl className={styles.queueCounts}>
        <div>
          <dt>{lint ? lintFilterLabel(lint) : 'Waiting'}</dt>
          <dd data-testid="queued">{queue.queued}</dd>
          {queue.unchecked ? (
            <dd className="muted" data-testid="unchecked">
              + {queue.unchecked} not checked yet
            </dd>
          ) : null}
        </div>
        <div>
          <dt>Held by me</dt>
          <dd>{queue.claimedByMe}</dd>
        </div>
        <div>
          <dt>Done by me (24 h)</dt>
          <dd>{queue.doneByMe}</dd>
        </div>
      </dl>
      {!queue.canWork ? (
        <p className="muted">Your role cannot work this step.</p>
      ) : !canStart(queue) ? (
        <p className="muted">Nothing waiting.</p>
      ) : (
        <Link
          className="button"
          href={href}
          aria-label={`${resuming ? 'Continue' : 'Start'} ${queue.name}`}
        >
          {resuming ? 'Continue' : 'Start'}
          <kbd className={styles.queueKey} aria-hidden="true">
            {shortcutKey}
          </kbd>
        </Link>
      )}
    </li>
  );
}

/** The project's review queues, one per workflow step, with this person's counts. */
export function ReviewQueues({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const lint = lintFilterFrom(useSearchParams().get('lint'));
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const queues = useQuery({
    ...trpc.review.queues.queryOptions({ projectId, lint }),
    // Other people claim and finish items all the time; counts stay roughly current.
    refetchInterval: 15_000,
  });
  const workable = (queues.data ?? []).filter((queue) => queue.type !== 'done');

  // Digit n starts the n-th queue, so a whole session runs without the mouse.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      const index = Number(event.key) - 1;
      const queue = Number.isInteger(index) ? workable[index] : undefined;
      if (!queue || !canStart(queue)) return;
      event.preventDefault();
      router.push(`/projects/${projectId}/review/${queue.stepId}${lintQuery(lint)}`);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [workable, router, projectId, lint]);
  return (
    <div className="stack">
      <div className="page-title">
        <div>
          <p className="eyebrow">{project.data?.name ?? 'Project'}</p>
          <h1>Review</h1>
        </div>
        <LintFilterSelect
          value={lint}
          onChange={(filter) => router.replace(`/projects/${projectId}/review${lintQuery(filter)}`)}
        />
      </div>
      <FormError message={errorMessage(queues.error)} />
      {queues.isPending ? <p className="muted">Loading queues…</p> : null}
      <ul className={styles.queueList} aria-label="Queues by workflow step">
        {workable.map((queue, index) => (
          <QueueCard
            key={queue.stepId}
            projectId={projectId}
            queue={queue}
            shortcutKey={index + 1}
            lint={lint}
          />
        ))}
      </ul>
      <p className="muted">
        Start (or press the queue’s number key) opens the next item of a queue and holds it for you
        for a while; press <kbd>?</kbd> in the editor for its keyboard shortcuts.
      </p>
    </div>
  );
}
