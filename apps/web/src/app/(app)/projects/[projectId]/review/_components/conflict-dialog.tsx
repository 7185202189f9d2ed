'use client';

import type { WorkItemView } from '@captionary/shared';
import { useEffect, useRef } from 'react';
import { WordDiffView } from './word-diff-view';
import styles from './review.module.css';

/**
 * Shown when a write met a newer version: their caption against the draft, with the two ways on.
 * Reload takes theirs; Keep mine sends the same action again on their version (the merge), when
 * their change left the item in a step where that action applies.
 */
export function ConflictDialog({
  current,
  mine,
  actionLabel,
  canKeepMine,
  busy,
  onReload,
  onKeepMine,
  onCancel,
}: {
  current: WorkItemView | null;
  mine: string;
  actionLabel: string;
  canKeepMine: boolean;
  busy: boolean;
  onReload: () => void;
  onKeepMine: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const open = current !== null;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const changedBy = current?.history.at(-1)?.actor?.name ?? 'Someone';
  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby="conflict-heading"
      aria-describedby="conflict-explanation"
      onClose={onCancel}
      data-testid="conflict-dialog"
    >
      {current ? (
        <>
          <h2 id="conflict-heading">Someone changed this caption</h2>
          <p id="conflict-explanation">
            {changedBy} saved a newer version (now v{current.version}, {current.step.name},{' '}
            {current.caption.status.toLowerCase()}) while you were editing. Nothing was overwritten.
          </p>
          <div className={styles.conflictColumns}>
            <section aria-labelledby="conflict-theirs">
              <h3 id="conflict-theirs">Their version</h3>
              <p className={styles.diff}>{current.caption.text}</p>
            </section>
            <section aria-labelledby="conflict-mine">
              <h3 id="conflict-mine">Yours, compared with theirs</h3>
              <WordDiffView before={current.caption.text} after={mine} testId="conflict-diff" />
            </section>
          </div>
          {canKeepMine ? null : (
            <p className="muted" id="conflict-cannot-keep">
              Their change moved the item to {current.step.name}, where you cannot {actionLabel} it:
              reload to see it as it is now.
            </p>
          )}
          <div className={styles.actionRow}>
            <button
              type="button"
              className="button button--secondary"
              onClick={onReload}
              disabled={busy}
              autoFocus
            >
              Reload (take theirs)
            </button>
            <button
              type="button"
              className="button"
              onClick={onKeepMine}
              disabled={busy || !canKeepMine}
              aria-describedby={canKeepMine ? undefined : 'conflict-cannot-keep'}
            >
              Keep mine ({actionLabel} on their version)
            </button>
            <button type="button" className="button button--ghost" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
