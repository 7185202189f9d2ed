'use client';

import {
  CaptionText,
  lintCaption,
  MAX_CAPTION_LENGTH,
  type LintRules,
  type WorkItemView,
} from '@captionary/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ImageViewer, type ImageViewerHandle } from './image-viewer';
import { LintHits } from './lint-hits';
import { ProvenancePanel } from './provenance-panel';
import { RevisionHistory } from './revision-history';
import { ReviewActions } from './review-actions';
import { TrackedChanges } from './tracked-changes';
import { useDraftHistory } from './use-draft-history';
import { useShortcuts } from './use-shortcuts';
import styles from './review.module.css';

/** What the editor asks the session to do; the session talks to the server. */
export type EditorCommand =
  | { kind: 'submit'; caption: string }
  | { kind: 'approve'; caption?: string }
  | { kind: 'reject'; comment: string }
  | { kind: 'skip' }
  | { kind: 'release' };

/** One claimed item: image, instructions, the caption draft with lint and tracked changes. */
export function CaptionEditor({
  item,
  lintRules,
  stepNames,
  busy,
  onCommand,
  onHelp,
  onNext,
  onMessage,
}: {
  item: WorkItemView;
  lintRules: LintRules | undefined;
  stepNames: Map<string, string>;
  busy: boolean;
  onCommand: (command: EditorCommand) => void;
  onHelp: () => void;
  onNext: () => void;
  onMessage: (message: string) => void;
}) {
  const history = useDraftHistory(item.caption.text);
  const [rejectOpen, setRejectOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [captionError, setCaptionError] = useState<string | null>(null);
  const [commentError, setCommentError] = useState<string | null>(null);
  const captionRef = useRef<HTMLTextAreaElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const viewer = useRef<ImageViewerHandle>(null);
  const isReview = item.step.type === 'review';
  const finishLabel = isReview ? 'Approve' : 'Submit';
  const prelabel = item.prelabel?.caption ?? null;
  const rejection = item.step.type === 'rework' ? item.comments[0] : undefined;

  // Typing starts at once: the caption box has focus with the cursor after the last word.
  useEffect(() => {
    const box = captionRef.current;
    if (!box) return;
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  }, []);

  useEffect(() => {
    if (rejectOpen) commentRef.current?.focus();
  }, [rejectOpen]);

  const lintHits = useMemo(
    () => (lintRules ? lintCaption(history.draft, lintRules, prelabel ?? undefined) : []),
    [history.draft, lintRules, prelabel],
  );

  function finish() {
    const parsed = CaptionText.safeParse(history.draft);
    if (!parsed.success) {
      setCaptionError(parsed.error.issues[0]?.message ?? 'This caption cannot be saved');
      captionRef.current?.focus();
      return;
    }
    setCaptionError(null);
    if (isReview) {
      const edited = parsed.data !== item.caption.text;
      onCommand({ kind: 'approve', ...(edited ? { caption: parsed.data } : {}) });
    } else {
      onCommand({ kind: 'submit', caption: parsed.data });
    }
  }

  function sendReject() {
    if (!comment.trim()) {
      setCommentError('Say what should be fixed: the labeler sees this comment.');
      commentRef.current?.focus();
      return;
    }
    setCommentError(null);
    onCommand({ kind: 'reject', comment: comment.trim() });
  }

  function restorePrelabel() {
    if (prelabel === null) return;
    history.replace(prelabel);
    onMessage('Pre-label restored. Alt + Z undoes it.');
  }

  useShortcuts({
    finish: () => (busy ? undefined : rejectOpen ? sendReject() : finish()),
    reject: () => {
      if (!isReview) return false;
      setRejectOpen(true);
      commentRef.current?.focus();
    },
    skip: () => (busy ? undefined : onCommand({ kind: 'skip' })),
    release: () => (busy ? undefined : onCommand({ kind: 'release' })),
    undo: history.undo,
    redo: history.redo,
    restorePrelabel,
    focusCaption: () => captionRef.current?.focus(),
    next: () => onNext(),
    zoomIn: () => viewer.current?.zoomIn(),
    zoomOut: () => viewer.current?.zoomOut(),
    zoomReset: () => viewer.current?.reset(),
    // Unzoomed, the arrows scroll the page as usual.
    panLeft: () => viewer.current?.pan(-1, 0) ?? false,
    panRight: () => viewer.current?.pan(1, 0) ?? false,
    panUp: () => viewer.current?.pan(0, -1) ?? false,
    panDown: () => viewer.current?.pan(0, 1) ?? false,
    help: onHelp,
  });

  return (
    <div className={styles.editor}>
      <div className={styles.editorMedia}>
        <section className="panel" aria-label="Image">
          <ImageViewer ref={viewer} src={item.row.imageUrl} alt={`Image ${item.row.externalId}`} />
          <p className="muted">
            {item.row.externalId} · {item.row.width} × {item.row.height} px
          </p>
        </section>
        <section className="panel" aria-labelledby="instructions-heading">
          <h2 id="instructions-heading">Caption instructions</h2>
          {item.instructions.trim() ? (
            <p className={styles.instructions}>{item.instructions}</p>
          ) : (
            <p className="empty">This project has no caption instructions yet.</p>
          )}
        </section>
        <section className="panel" aria-labelledby="provenance-heading">
          <h2 id="provenance-heading">Pre-label provenance</h2>
          <ProvenancePanel prelabel={item.prelabel} />
        </section>
      </div>

      <div className={styles.editorWork}>
        {rejection ? (
          <section className={styles.rejection} role="note" aria-labelledby="rejection-heading">
            <h2 id="rejection-heading">Sent back for rework</h2>
            <blockquote data-testid="rejection-comment">{rejection.body}</blockquote>
            <p className="muted">— {rejection.author ?? 'a reviewer'}</p>
          </section>
        ) : null}
        <section className="panel stack" aria-labelledby="caption-heading">
          <div className={styles.captionHead}>
            <h2 id="caption-heading">{isReview ? 'Review the caption' : 'Caption'}</h2>
            <span className="muted">
              v{item.version} ·{' '}
              {item.caption.byModel ? 'model pre-label' : item.caption.status.toLowerCase()}
            </span>
          </div>
          <div className={`field${captionError ? ' field--invalid' : ''}`}>
            <label htmlFor="caption-draft">
              Caption draft{isReview ? ' (edit before approving if needed)' : ''}
            </label>
            <textarea
              id="caption-draft"
              ref={captionRef}
              className={styles.captionBox}
              rows={4}
              value={history.draft}
              maxLength={MAX_CAPTION_LENGTH}
              dir="auto"
              aria-invalid={captionError ? true : undefined}
              aria-describedby={`caption-help${captionError ? ' caption-error' : ''}`}
              onChange={(event) => history.type(event.target.value)}
              onKeyDown={(event) => {
                // Esc hands the keyboard back to single-key shortcuts (zoom, next, help).
                if (event.key === 'Escape') event.currentTarget.blur();
              }}
            />
            <p className="field__hint" id="caption-help">
              {history.draft.length} / {MAX_CAPTION_LENGTH} characters · Ctrl/⌘ + Enter to{' '}
              {finishLabel.toLowerCase()} · <kbd>?</kbd> all shortcuts (after Esc)
            </p>
            {captionError ? (
              <p className="field__error" id="caption-error" role="alert">
                {captionError}
              </p>
            ) : null}
          </div>
          <LintHits hits={lintHits} />
          <ReviewActions
            finishLabel={finishLabel}
            canReject={isReview}
            busy={busy}
            rejectOpen={rejectOpen}
            comment={comment}
            commentError={commentError}
            commentRef={commentRef}
            onFinish={finish}
            onOpenReject={() => setRejectOpen(true)}
            onCommentChange={setComment}
            onSendReject={sendReject}
            onCancelReject={() => {
              setRejectOpen(false);
              captionRef.current?.focus();
            }}
            onSkip={() => onCommand({ kind: 'skip' })}
            onRelease={() => onCommand({ kind: 'release' })}
            onUndo={history.undo}
            canUndo={history.canUndo}
            onRestorePrelabel={restorePrelabel}
            hasPrelabel={prelabel !== null}
            onHelp={onHelp}
          />
        </section>
        <section className="panel" aria-labelledby="changes-heading">
          <h2 id="changes-heading">Tracked changes</h2>
          <TrackedChanges prelabel={prelabel} history={item.history} draft={history.draft} />
        </section>
        <section className="panel" aria-labelledby="history-heading">
          <h2 id="history-heading">History</h2>
          <RevisionHistory history={item.history} stepNames={stepNames} />
        </section>
      </div>
    </div>
  );
}
