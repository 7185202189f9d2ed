'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import type { FormEvent } from 'react';
import { useTRPC } from '../../../../../trpc/client';
import { errorMessage, fieldError, formLevelError } from '../../../../../trpc/errors';
import { FormError, TextAreaField, TextField } from '../../../../../ui/field';
import { LabelStatusBar } from '../../../_components/label-status-bar';
import { LintRulesEditor } from './lint-rules-editor';
import { WorkflowEditor } from './workflow-editor';

export function ProjectSettings({
  projectId,
  canManage,
}: {
  projectId: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const refresh = () => queryClient.invalidateQueries(trpc.projects.pathFilter());
  const update = useMutation(trpc.projects.update.mutationOptions({ onSuccess: refresh }));
  const archive = useMutation(trpc.projects.setArchived.mutationOptions({ onSuccess: refresh }));

  if (project.isPending) return <p className="muted">Loading project…</p>;
  if (project.error) {
    return (
      <section className="panel narrow">
        <h1>Project unavailable</h1>
        <FormError message={errorMessage(project.error)} />
        <Link href="/">Back to projects</Link>
      </section>
    );
  }
  const data = project.data;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update.mutate({
      projectId,
      name: String(form.get('name') ?? ''),
      description: String(form.get('description') ?? ''),
      captionInstructions: String(form.get('captionInstructions') ?? ''),
    });
  }

  return (
    <div className="stack">
      <div className="page-title">
        <div>
          <p className="eyebrow">
            <Link href="/">Projects</Link> / settings
          </p>
          <h1>{data.name}</h1>
        </div>
        {data.archivedAt ? <span className="badge badge--muted">Archived</span> : null}
      </div>

      <section className="panel" aria-labelledby="counts-heading">
        <h2 id="counts-heading">Progress</h2>
        <LabelStatusBar dataRows={data.counts.dataRows} labels={data.counts.labels} />
      </section>

      <section className="panel" aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        {/* Keyed by updatedAt so the form shows saved values after each save. */}
        <form key={data.updatedAt.toISOString()} className="form" onSubmit={onSubmit} noValidate>
          <fieldset disabled={!canManage || update.isPending}>
            <TextField
              label="Name"
              name="name"
              defaultValue={data.name}
              required
              maxLength={100}
              error={fieldError(update.error, 'name')}
            />
            <TextAreaField
              label="Description"
              name="description"
              defaultValue={data.description}
              rows={3}
              error={fieldError(update.error, 'description')}
            />
            <TextAreaField
              label="Caption instructions"
              name="captionInstructions"
              defaultValue={data.captionInstructions}
              rows={6}
              hint="Shown to labelers and reviewers next to every image."
              error={fieldError(update.error, 'captionInstructions')}
            />
            {canManage ? (
              <button type="submit" className="button">
                {update.isPending ? 'Saving…' : 'Save changes'}
              </button>
            ) : (
              <p className="muted">Only admins and owners can change project settings.</p>
            )}
          </fieldset>
          <FormError message={formLevelError(update.error)} />
          {update.isSuccess && !update.isPending ? (
            <p role="status" className="success">
              Saved.
            </p>
          ) : null}
        </form>
      </section>

      <section className="panel" aria-labelledby="workflow-heading">
        <h2 id="workflow-heading">Workflow</h2>
        <p className="muted">
          Every image moves through these steps. Rejected captions go to rework.
        </p>
        <WorkflowEditor projectId={projectId} canManage={canManage} />
      </section>

      <section className="panel" aria-labelledby="lint-heading">
        <h2 id="lint-heading">Caption lint rules</h2>
        <p className="muted">
          Checked as people type, shown before they submit, and usable as review-step filters.
        </p>
        <LintRulesEditor projectId={projectId} canManage={canManage} />
      </section>

      {canManage ? (
        <section className="panel panel--danger" aria-labelledby="archive-heading">
          <h2 id="archive-heading">{data.archivedAt ? 'Restore project' : 'Archive project'}</h2>
          <p className="muted">
            {data.archivedAt
              ? 'Restoring puts the project back on the dashboard.'
              : 'Archiving hides the project from the dashboard. Its images, captions and history are kept.'}
          </p>
          <FormError message={errorMessage(archive.error)} />
          <button
            type="button"
            className={data.archivedAt ? 'button' : 'button button--danger'}
            disabled={archive.isPending}
            onClick={() => archive.mutate({ projectId, archived: !data.archivedAt })}
          >
            {data.archivedAt ? 'Restore project' : 'Archive project'}
          </button>
        </section>
      ) : null}
    </div>
  );
}
