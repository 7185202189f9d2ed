'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../../../trpc/client';
import { errorMessage } from '../../../../../trpc/errors';
import { FormError } from '../../../../../ui/field';
import { JobHistory } from './_components/job-history';
import { LaunchJobForm } from './_components/launch-job-form';

/** The project's job history, and for admins the form that starts a job over all rows. */
export function JobsOverview({ projectId, canLaunch }: { projectId: string; canLaunch: boolean }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  return (
    <div className="stack">
      <div className="page-title">
        <div>
          <p className="eyebrow">{project.data?.name ?? 'Project'}</p>
          <h1>Caption jobs</h1>
        </div>
      </div>
      <FormError message={errorMessage(project.error)} />
      {canLaunch ? (
        <section className="panel" aria-labelledby="launch-heading">
          <h2 id="launch-heading">New caption job</h2>
          <p className="muted">
            To caption only some rows, filter or select them in the Rows browser and launch from
            there.
          </p>
          <LaunchJobForm projectId={projectId} />
        </section>
      ) : null}
      <section className="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <JobHistory projectId={projectId} />
      </section>
    </div>
  );
}
