import type { RevisionView } from '@captionary/shared';
import { WordDiffView } from './word-diff-view';
import styles from './review.module.css';

const ACTION_LABELS: Record<RevisionView['action'], string> = {
  PRELABEL: 'Pre-labelled',
  EDIT: 'Edited',
  SUBMIT: 'Submitted',
  APPROVE: 'Approved',
  REJECT: 'Rejected',
  REROUTE: 'Re-routed',
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Every revision of the caption, oldest first, each with its word diff and comment. */
export function RevisionHistory({
  history,
  stepNames,
}: {
  history: RevisionView[];
  stepNames: Map<string, string>;
}) {
  if (history.length === 0) return <p className="empty">No history yet.</p>;
  return (
    <ol className={styles.history} data-testid="revision-history">
      {history.map((revision) => {
        const who = revision.actor?.name ?? (revision.action === 'PRELABEL' ? 'Model' : 'System');
        const step = revision.stepId ? (stepNames.get(revision.stepId) ?? revision.stepId) : null;
        return (
          <li key={revision.id} className={styles.historyItem} data-testid="revision">
            <p className={styles.historyHead}>
              <span className={`${styles.action} ${styles[`action${revision.action}`] ?? ''}`}>
                {ACTION_LABELS[revision.action]}
              </span>{' '}
              by <strong>{who}</strong>
              {step ? <> in {step}</> : null} ·{' '}
              <time dateTime={revision.createdAt}>
                {dateFormat.format(new Date(revision.createdAt))}
              </time>
            </p>
            {revision.comment ? (
              <blockquote className={styles.historyComment}>{revision.comment}</blockquote>
            ) : null}
            {revision.after !== null && revision.before !== null ? (
              <WordDiffView before={revision.before} after={revision.after} />
            ) : revision.after !== null ? (
              <p className={styles.diff}>{revision.after}</p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
