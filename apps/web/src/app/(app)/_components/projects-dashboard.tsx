'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '../../../trpc/client';
import { errorMessage } from '../../../trpc/errors';
import { FormError } from '../../../ui/field';
import { CreateProjectForm } from './create-project-form';
import { LabelStatusBar } from './label-status-bar';

export function ProjectsDashboard({
  teamName,
  canManage,
}: {
  teamName: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const [includeArchived, setIncludeArchived] = useState(false);
  const projects = useQuery(trpc.projects.list.queryOptions({ includeArchived }));

  return (
    <div className="stack">
      <div className="page-title">
        <div>
          <p className="eyebrow">{teamName}</p>
          <h1>Projects</h1>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={includeArchived}
            onChange={(event) => setIncludeArchived(event.target.checked)}
          />
          Show archived
        </label>
      </div>

      {canManage ? (
        <section className="panel" aria-labelledby="new-project-heading">
          <h2 id="new-project-heading">New project</h2>
          <CreateProjectForm />
        </section>
      ) : null}

      <section aria-labelledby="project-list-heading">
        <h2 id="project-list-heading" className="visually-hidden">
          Project list
        </h2>
        <FormError message={errorMessage(projects.error)} />
        {projects.isPending ? <p className="muted">Loading projects…</p> : null}
        {projects.data?.length === 0 ? (
          <p className="empty">
            No projects yet.
            {canManage ? ' Create the first one above.' : ' An admin can create one.'}
          </p>
        ) : null}
        <ul className="project-list">
          {projects.data?.map((project) => (
            <li key={project.id} className="project-card" data-testid="project-card">
              <div className="project-card__head">
                <h3>
                  <Link href={`/projects/${project.id}/settings`}>{project.name}</Link>
                </h3>
                {project.archivedAt ? <span className="badge badge--muted">Archived</span> : null}
              </div>
              {project.description ? (
                <p className="project-card__description">{project.description}</p>
              ) : null}
              <LabelStatusBar dataRows={project.counts.dataRows} labels={project.counts.labels} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
