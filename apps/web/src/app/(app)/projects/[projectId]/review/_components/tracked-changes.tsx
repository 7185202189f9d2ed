import type { RevisionView } from '@captionary/shared';
import { WordDiffView } from './word-diff-view';
import styles from './review.module.css';

/** The caption most recently submitted by a person, with who submitted it. */
export function latestSubmission(history: RevisionView[]): RevisionView | null {
  for (let index = history.length - 1; index >= 0; index--) {
    const revision = history[index]!;
    if (revision.action === 'SUBMIT' && revision.after !== null) return revision;
  }
  return null;
}

interface Stage {
  heading: string;
  before: string;
  after: string;
  testId: string;
}

/**
 * Tracked changes across the caption's life: pre-label → the labeler's submitted caption → the
 * draft in this editor (the reviewer's edit in review steps, the labeler's own in rework).
 */
export function TrackedChanges({
  prelabel,
  history,
  draft,
}: {
  prelabel: string | null;
  history: RevisionView[];
  draft: string;
}) {
  const submission = latestSubmission(history);
  const stages: Stage[] = [];
  if (prelabel !== null && submission?.after != null) {
    stages.push({
      heading: `Pre-label → ${submission.actor?.name ?? 'labeler'}’s caption`,
      before: prelabel,
      after: submission.after,
      testId: 'diff-prelabel-to-submitted',
    });
  }
  const base = submission?.after ?? prelabel;
  if (base !== null && base !== undefined) {
    stages.push({
      heading: `${submission ? 'Submitted caption' : 'Pre-label'} → your draft`,
      before: base,
      after: draft.trim(),
      testId: 'diff-to-draft',
    });
  }
  if (stages.length === 0) return <p className="empty">No pre-label to compare with.</p>;
  return (
    <div className={styles.trackedChanges}>
      {stages.map((stage) => (
        <div key={stage.testId}>
          <h3 className={styles.stageHeading}>{stage.heading}</h3>
          <WordDiffView before={stage.before} after={stage.after} testId={stage.testId} />
        </div>
      ))}
      <p className={styles.diffLegend}>
        <ins className={styles.diffInsert}>underlined</ins> words were added,{' '}
        <del className={styles.diffDelete}>struck</del> words removed.
      </p>
    </div>
  );
}
