'use client';

import type { WorkItemView } from '@captionary/shared';
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTRPC } from '../../../../../../trpc/client';
import { errorMessage } from '../../../../../../trpc/errors';
import { FormError } from '../../../../../../ui/field';
import { CaptionEditor, type EditorCommand } from './caption-editor';
import { ConflictDialog } from './conflict-dialog';
import { lintFilterFrom, lintQuery, LintFilterSelect } from './lint-filter';
import { conflictFrom } from './conflict-error';
import { ShortcutSheet, type ShortcutSheetHandle } from './shortcut-sheet';
import { useShortcuts } from './use-shortcuts';

const COMMAND_VERBS: Record<EditorCommand['kind'], string> = {
  submit: 'submit',
  approve: 'approve',
  reject: 'reject',
  skip: 'skip',
  release: 'release',
};

/** The step types where each command can be sent again after a conflict ("keep mine"). */
const COMMAND_STEP_TYPES: Record<EditorCommand['kind'], WorkItemView['step']['type'][]> = {
  submit: ['label', 'rework'],
  approve: ['review'],
  reject: ['review'],
  skip: ['label', 'review', 'rework'],
  release: ['label', 'review', 'rework'],
};

const DONE_MESSAGES: Record<EditorCommand['kind'], string> = {
  submit: 'Submitted',
  approve: 'Approved',
  reject: 'Rejected and sent to rework',
  skip: 'Skipped',
  release: 'Released',
};

/**
 * Working one step's queue: claims the next item, shows it in the caption editor, sends the
 * editor's commands, and takes the next item after each one. A conflict opens the merge dialog.
 */
export function ReviewSession({ projectId, stepId }: { projectId: string; stepId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const searchParams = useSearchParams();
  const [itemId, setItemId] = useState<string | null>(searchParams.get('item'));
  // "Next" takes only items whose caption breaks lint rules when the URL names a filter.
  const [lint, setLint] = useState(lintFilterFrom(searchParams.get('lint')));
  const [queueEmpty, setQueueEmpty] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const sheet = useRef<ShortcutSheetHandle>(null);
  const [conflict, setConflict] = useState<{
    current: WorkItemView;
    command: EditorCommand;
  } | null>(null);

  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const me = useQuery(trpc.teams.current.queryOptions());
  const lintRules = useQuery(trpc.review.lintRules.queryOptions({ projectId }));
  const item = useQuery({
    ...trpc.review.get.queryOptions(itemId ? { itemId } : skipToken),
    // A refetch would replace the draft under the person's hands; writes detect changes instead.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

  const claim = useMutation(trpc.review.claimNext.mutationOptions());
  const claimItem = useMutation(trpc.review.claimItem.mutationOptions());
  const submit = useMutation(trpc.review.submit.mutationOptions());
  const approve = useMutation(trpc.review.approve.mutationOptions());
  const reject = useMutation(trpc.review.reject.mutationOptions());
  const skip = useMutation(trpc.review.skip.mutationOptions());
  const release = useMutation(trpc.review.release.mutationOptions());
  const [actionError, setActionError] = useState<unknown>(null);
  const busy =
    claim.isPending ||
    claimItem.isPending ||
    submit.isPending ||
    approve.isPending ||
    reject.isPending ||
    skip.isPending ||
    release.isPending;

  const showItem = useCallback(
    (next: WorkItemView) => {
      queryClient.setQueryData(trpc.review.get.queryKey({ itemId: next.id }), next);
      setItemId(next.id);
      // The URL names the item, so a reload reopens it instead of claiming another.
      window.history.replaceState(null, '', `?item=${next.id}${lintQuery(lint, true)}`);
    },
    [queryClient, trpc, lint],
  );

  const claimNext = useCallback(async () => {
    setActionError(null);
    try {
      const next = await claim.mutateAsync({ projectId, stepId, lint });
      if (next) {
        setQueueEmpty(false);
        showItem(next);
      } else {
        setQueueEmpty(true);
        setItemId(null);
        window.history.replaceState(null, '', `?${lintQuery(lint).slice(1)}`);
      }
    } catch (error) {
      setActionError(error);
    }
    // claim.mutateAsync is stable; listing `claim` would re-create this on every state change.
  }, [projectId, stepId, lint, showItem]);

  function changeLint(filter: typeof lint) {
    setLint(filter);
    const query = itemId ? `?item=${itemId}${lintQuery(filter, true)}` : lintQuery(filter);
    window.history.replaceState(null, '', query || '?');
  }

  // Opening the page without an item claims one.
  const claimedOnOpen = useRef(false);
  useEffect(() => {
    if (claimedOnOpen.current || itemId) return;
    claimedOnOpen.current = true;
    void claimNext();
  }, [itemId, claimNext]);

  async function run(command: EditorCommand, current: WorkItemView) {
    setActionError(null);
    const ref = { itemId: current.id };
    try {
      if (command.kind === 'submit') {
        await submit.mutateAsync({ ...ref, version: current.version, caption: command.caption });
      } else if (command.kind === 'approve') {
        await approve.mutateAsync({ ...ref, version: current.version, caption: command.caption });
      } else if (command.kind === 'reject') {
        await reject.mutateAsync({ ...ref, version: current.version, comment: command.comment });
      } else if (command.kind === 'skip') {
        await skip.mutateAsync(ref);
      } else {
        await release.mutateAsync(ref);
      }
    } catch (error) {
      const latest = conflictFrom(error);
      if (latest) setConflict({ current: latest, command });
      else setActionError(error);
      return;
    }
    setConflict(null);
    void queryClient.invalidateQueries(trpc.review.queues.pathFilter());
    const done = `${DONE_MESSAGES[command.kind]}: ${current.row.externalId}.`;
    if (command.kind === 'release') {
      router.push(`/projects/${projectId}/review`);
      return;
    }
    setAnnouncement(`${done} Loading the next item…`);
    await claimNext();
    setAnnouncement((previous) =>
      previous.startsWith(done) ? `${done} Next item loaded.` : previous,
    );
  }

  function reloadTheirs() {
    if (!conflict) return;
    queryClient.setQueryData(
      trpc.review.get.queryKey({ itemId: conflict.current.id }),
      conflict.current,
    );
    setConflict(null);
    setAnnouncement('Loaded their version. Your draft was replaced.');
  }

  // Approving unchanged means "this caption is right": on their version that caption is sent
  // explicitly, or the approval would silently cover their text instead. Their change ended this
  // person's claim, so the item is taken again where it now waits before the command is re-sent.
  async function keepMine() {
    if (!conflict || !data) return;
    const { command, current } = conflict;
    const explicit =
      command.kind === 'approve' && command.caption === undefined
        ? { ...command, caption: data.caption.text }
        : command;
    let target = current;
    if (current.status !== 'CLAIMED' || current.claimedBy?.id !== myId) {
      try {
        target = await claimItem.mutateAsync({ itemId: current.id });
      } catch (error) {
        setConflict(null);
        setActionError(error);
        return;
      }
    }
    await run(explicit, target);
  }

  const stepNames = useMemo(
    () => new Map((project.data?.workflow.steps ?? []).map((step) => [step.id, step.name])),
    [project.data],
  );
  const stepName = stepNames.get(stepId) ?? stepId;
  const data = item.data;
  const myId = me.data?.user.id;
  const heldByMe = data && data.status === 'CLAIMED' && data.claimedBy?.id === myId;
  const inThisStep = data?.step.id === stepId;

  async function takeNext() {
    setAnnouncement('Looking for the next item…');
    await claimNext();
    setAnnouncement('');
  }

  // Outside the editor (empty queue, item moved on) the page still answers N and ?.
  useShortcuts(
    { next: () => void takeNext(), help: () => sheet.current?.open() },
    Boolean(data && heldByMe && inThisStep),
  );

  return (
    <div className="stack">
      <div className="page-title">
        <div>
          <p className="eyebrow">
            <Link href={`/projects/${projectId}/review`}>Review</Link> / {project.data?.name ?? ''}
          </p>
          <h1>{stepName}</h1>
        </div>
        <LintFilterSelect value={lint} onChange={changeLint} />
        <p role="status" aria-live="polite" className="muted" data-testid="session-status">
          {announcement}
        </p>
      </div>
      <FormError message={errorMessage(actionError) ?? errorMessage(item.error)} />
      {queueEmpty && !data ? (
        <section className="panel narrow" data-testid="queue-empty">
          <h2>
            Nothing {lint ? 'matching the filter ' : ''}waiting in {stepName}
          </h2>
          <p className="muted">Items you may work in this step will show up here.</p>
          <div className="form--inline">
            <button
              type="button"
              className="button"
              onClick={() => void takeNext()}
              disabled={busy}
            >
              Check again (N)
            </button>
            <Link
              className="button button--secondary"
              href={`/projects/${projectId}/review${lintQuery(lint)}`}
            >
              Back to queues
            </Link>
          </div>
        </section>
      ) : null}
      {!data && !queueEmpty ? <p className="muted">Taking the next item…</p> : null}
      {data && (!heldByMe || !inThisStep) && myId ? (
        <section className="panel narrow" role="alert">
          <h2>This item has moved on</h2>
          <p>
            It is now in {data.step.name}
            {data.claimedBy ? `, held by ${data.claimedBy.name}` : ''}. Take the next one.
          </p>
          <button type="button" className="button" onClick={() => void takeNext()}>
            Next item (N)
          </button>
        </section>
      ) : null}
      {data && heldByMe && inThisStep ? (
        <CaptionEditor
          key={`${data.id}:${data.version}`}
          item={data}
          lintRules={lintRules.data}
          stepNames={stepNames}
          busy={busy}
          onCommand={(command) => void run(command, data)}
          onHelp={() => sheet.current?.open()}
          onNext={() =>
            setAnnouncement('Finish, skip (Alt + S) or release (Alt + Q) this item first.')
          }
          onMessage={setAnnouncement}
        />
      ) : null}
      <ShortcutSheet ref={sheet} />
      <ConflictDialog
        current={conflict?.current ?? null}
        mine={
          conflict?.command.kind === 'submit' || conflict?.command.kind === 'approve'
            ? (conflict.command.caption ?? data?.caption.text ?? '')
            : (data?.caption.text ?? '')
        }
        actionLabel={conflict ? COMMAND_VERBS[conflict.command.kind] : ''}
        canKeepMine={
          conflict !== null &&
          conflict.current.status !== 'DONE' &&
          COMMAND_STEP_TYPES[conflict.command.kind].includes(conflict.current.step.type)
        }
        busy={busy}
        onReload={reloadTheirs}
        onKeepMine={() => conflict && void keepMine()}
        onCancel={() => setConflict(null)}
      />
    </div>
  );
}
