'use client';

import { MAX_COMMENT_LENGTH } from '@captionary/shared';
import type { RefObject } from 'react';
import styles from './review.module.css';

/** The editor's buttons, each naming its shortcut, and the reject comment box when open. */
export function ReviewActions({
  finishLabel,
  canReject,
  busy,
  rejectOpen,
  comment,
  commentError,
  commentRef,
  onFinish,
  onOpenReject,
  onCommentChange,
  onSendReject,
  onCancelReject,
  onSkip,
  onRelease,
  onUndo,
  canUndo,
  onRestorePrelabel,
  hasPrelabel,
  onHelp,
}: {
  finishLabel: string;
  canReject: boolean;
  busy: boolean;
  rejectOpen: boolean;
  comment: string;
  commentError: string | null;
  commentRef: RefObject<HTMLTextAreaElement | null>;
  onFinish: () => void;
  onOpenReject: () => void;
  onCommentChange: (value: string) => void;
  onSendReject: () => void;
  onCancelReject: () => void;
  onSkip: () => void;
  onRelease: () => void;
  onUndo: () => void;
  canUndo: boolean;
  onRestorePrelabel: () => void;
  hasPrelabel: boolean;
  onHelp: () => void;
}) {
  return (
    <div className="stack">
      <div className={styles.actionRow} role="group" aria-label="Actions">
        <button type="button" className="button" onClick={onFinish} disabled={busy}>
          {finishLabel} <kbd className={styles.kbdInButton}>Ctrl/⌘ Enter</kbd>
        </button>
        {canReject ? (
          <button
            type="button"
            className="button button--danger"
            onClick={onOpenReject}
            disabled={busy}
            aria-expanded={rejectOpen}
          >
            Reject… <kbd className={styles.kbdInButton}>Alt R</kbd>
          </button>
        ) : null}
        <button type="button" className="button button--secondary" onClick={onSkip} disabled={busy}>
          Skip <kbd className={styles.kbdInButton}>Alt S</kbd>
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={onRelease}
          disabled={busy}
        >
          Release <kbd className={styles.kbdInButton}>Alt Q</kbd>
        </button>
      </div>
      <div className={styles.actionRow} role="group" aria-label="Draft">
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={onUndo}
          disabled={!canUndo}
        >
          Undo <kbd className={styles.kbdInButton}>Alt Z</kbd>
        </button>
        {hasPrelabel ? (
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={onRestorePrelabel}
          >
            Use pre-label <kbd className={styles.kbdInButton}>Alt P</kbd>
          </button>
        ) : null}
        <button type="button" className="button button--ghost button--small" onClick={onHelp}>
          Shortcuts <kbd className={styles.kbdInButton}>?</kbd>
        </button>
      </div>
      {rejectOpen ? (
        <div className={styles.rejectBox}>
          <label htmlFor="reject-comment">What should be fixed? (required)</label>
          <textarea
            id="reject-comment"
            ref={commentRef}
            rows={3}
            value={comment}
            maxLength={MAX_COMMENT_LENGTH}
            aria-invalid={commentError ? true : undefined}
            aria-describedby={commentError ? 'reject-comment-error' : 'reject-comment-hint'}
            onChange={(event) => onCommentChange(event.target.value)}
            onKeyDown={(event) => {
              // Inside the comment box the finishing keys send the rejection, not an approval.
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                event.stopPropagation();
                onSendReject();
              } else if (event.key === 'Escape') {
                event.preventDefault();
                event.stopPropagation();
                onCancelReject();
              }
            }}
          />
          {commentError ? (
            <p className="field__error" id="reject-comment-error">
              {commentError}
            </p>
          ) : (
            <p className="field__hint" id="reject-comment-hint">
              Ctrl/⌘ + Enter sends the rejection; Esc cancels. The labeler sees this comment.
            </p>
          )}
          <div className={styles.actionRow}>
            <button
              type="button"
              className="button button--danger"
              onClick={onSendReject}
              disabled={busy}
            >
              Send rejection
            </button>
            <button type="button" className="button button--ghost" onClick={onCancelReject}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
