'use client';

import { WorkflowConfig, type WorkflowStep } from '@captionary/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../../../trpc/client';
import { errorMessage } from '../../../../../trpc/errors';
import { FormError } from '../../../../../ui/field';
import { ReviewStepEditor } from './review-step-editor';
import { WorkflowDiagram } from './workflow-diagram';
import {
  addReviewStep,
  moveReviewStep,
  removedSteps,
  removeStep,
  replaceStep,
  type ReviewStepDraft,
} from './workflow-draft';

const FIXED_STEP_HINTS: Record<Exclude<WorkflowStep['type'], 'review'>, string> = {
  label: 'First step: a person edits the model’s pre-label.',
  rework: 'Rejected captions go here, with the reviewer’s comment, then back to review.',
  done: 'Approved captions end here.',
};

/** The project's workflow: the saved diagram, and for admins an editor that validates and saves. */
export function WorkflowEditor({
  projectId,
  canManage,
}: {
  projectId: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saved = useQuery(trpc.projects.workflow.queryOptions({ projectId }));
  const members = useQuery({ ...trpc.teams.members.queryOptions(), enabled: canManage });
  const [draft, setDraft] = useState<WorkflowStep[] | null>(null);
  const [issues, setIssues] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const save = useMutation(
    trpc.projects.updateWorkflow.mutationOptions({
      onSuccess: () => {
        setDraft(null);
        setConfirming(false);
        void queryClient.invalidateQueries(trpc.projects.pathFilter());
        void queryClient.invalidateQueries(trpc.review.queues.pathFilter());
      },
    }),
  );

  if (saved.isPending) return <p className="muted">Loading workflow…</p>;
  if (saved.error) return <FormError message={errorMessage(saved.error)} />;
  const steps = draft ?? saved.data.steps;
  const editing = draft !== null;
  const reviewCount = steps.filter((step) => step.type === 'review').length;
  const dropped = removedSteps(saved.data, steps);
  const change = (next: WorkflowStep[]) => {
    setDraft(next);
    setIssues([]);
    setConfirming(false);
  };

  function review() {
    const parsed = WorkflowConfig.safeParse({ steps });
    if (!parsed.success) {
      setIssues(
        parsed.error.issues.map(
          (issue) => `${issue.path.join('.') || 'workflow'}: ${issue.message}`,
        ),
      );
      return;
    }
    setIssues([]);
    setConfirming(true);
  }

  return (
    <div className="stack">
      <WorkflowDiagram steps={saved.data.steps} />
      {save.isSuccess && !editing ? (
        <p role="status" className="success">
          Workflow saved; {save.data.reroutedItems} item{save.data.reroutedItems === 1 ? '' : 's'}{' '}
          re-routed.
        </p>
      ) : null}
      {!canManage ? (
        <p className="muted">Only admins and owners can change the workflow.</p>
      ) : !editing ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setDraft(saved.data.steps)}
        >
          Edit workflow
        </button>
      ) : (
        <form
          className="stack workflow-editor"
          aria-label="Edit workflow"
          onSubmit={(event) => {
            event.preventDefault();
            review();
          }}
        >
          <ol className="workflow-editor__list">
            {steps.map((step, index) => (
              <li key={step.id} className={`workflow-editor__item workflow__step--${step.type}`}>
                {step.type === 'review' ? (
                  <>
                    <ReviewStepEditor
                      step={step}
                      members={members.data ?? []}
                      disabled={save.isPending}
                      onChange={(updated: ReviewStepDraft) => change(replaceStep(steps, updated))}
                    />
                    <div className="form--inline" role="group" aria-label={`Arrange ${step.name}`}>
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        disabled={steps[index - 1]?.type !== 'review'}
                        onClick={() => change(moveReviewStep(steps, step.id, -1))}
                      >
                        Move up
                      </button>
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        disabled={steps[index + 1]?.type !== 'review'}
                        onClick={() => change(moveReviewStep(steps, step.id, 1))}
                      >
                        Move down
                      </button>
                      <button
                        type="button"
                        className="button button--danger button--small"
                        disabled={reviewCount <= 1}
                        title={reviewCount <= 1 ? 'A workflow needs one review step' : undefined}
                        onClick={() => change(removeStep(steps, step.id))}
                      >
                        Remove {step.name}
                      </button>
                    </div>
                  </>
                ) : (
                  <div className="field">
                    <label htmlFor={`step-name-${step.id}`}>
                      {step.type[0]!.toUpperCase() + step.type.slice(1)} step name
                    </label>
                    <input
                      id={`step-name-${step.id}`}
                      type="text"
                      value={step.name}
                      maxLength={60}
                      aria-describedby={`step-hint-${step.id}`}
                      onChange={(event) =>
                        change(replaceStep(steps, { ...step, name: event.target.value }))
                      }
                    />
                    <p className="field__hint" id={`step-hint-${step.id}`}>
                      {FIXED_STEP_HINTS[step.type]}
                    </p>
                  </div>
                )}
              </li>
            ))}
          </ol>
          <p className="muted">
            A submitted caption goes to the first review step whose filters it matches; items that
            match no filter of a step skip it.
          </p>
          <div className="form--inline">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => change(addReviewStep(steps))}
            >
              Add review step
            </button>
          </div>
          {issues.length ? (
            <div className="form-error" role="alert">
              <p>The workflow is not valid yet:</p>
              <ul>
                {issues.map((issue) => (
                  <li key={issue}>{issue}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {confirming ? (
            <div
              className="workflow-editor__confirm"
              role="alertdialog"
              aria-labelledby="confirm-heading"
            >
              <h3 id="confirm-heading">Save and re-route items?</h3>
              {dropped.length ? (
                <p>
                  Items waiting in {dropped.map((step) => `“${step.name}”`).join(', ')} will be
                  re-routed to the next step that remains, each with a history entry. No item is
                  lost.
                </p>
              ) : (
                <p>
                  No step is removed, so items stay where they are; new names, people and filters
                  apply from now on, as items move.
                </p>
              )}
              <div className="form--inline">
                <button
                  type="button"
                  className="button"
                  autoFocus
                  disabled={save.isPending}
                  onClick={() =>
                    save.mutate({ projectId, workflow: WorkflowConfig.parse({ steps }) })
                  }
                >
                  {save.isPending ? 'Saving…' : 'Save workflow'}
                </button>
                <button
                  type="button"
                  className="button button--ghost"
                  onClick={() => setConfirming(false)}
                >
                  Keep editing
                </button>
              </div>
            </div>
          ) : (
            <div className="form--inline">
              <button type="submit" className="button">
                Review changes…
              </button>
              <button
                type="button"
                className="button button--ghost"
                onClick={() => {
                  setDraft(null);
                  setIssues([]);
                  setConfirming(false);
                }}
              >
                Discard changes
              </button>
            </div>
          )}
          <FormError message={errorMessage(save.error)} />
        </form>
      )}
    </div>
  );
}
