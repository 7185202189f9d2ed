'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../../../../trpc/client';
import { ExportForm } from './export-form';
import { ExportHistory } from './export-history';

/** New exports (a button per format, with filters) and the history with progress and files. */
export function ExportsOverview({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  // The export this page started last: its file is downloaded as soon as it is ready.
  const [awaitedExportId, setAwaitedExportId] = useState<string | null>(null);
  return (
    <div className="stack">
      <div className="page-title">
        <div>
          <p className="eyebrow">{project.data?.name ?? 'Project'}</p>
          <h1>Exports</h1>
        </div>
      </div>
      <section className="panel" aria-labelledby="new-export-heading">
        <h2 id="new-export-heading">New export</h2>
        <p className="muted">
          Exports read one consistent snapshot of the labels and run in the background; the file
          downloads when it is ready and stays in the history below. Machine clients stream the same
          formats from <code>GET /api/v1/projects/{projectId}/export</code>.
        </p>
        <ExportForm projectId={projectId} onStarted={setAwaitedExportId} />
      </section>
      <section className="panel" aria-labelledby="export-history-heading">
        <h2 id="export-history-heading">History</h2>
        <ExportHistory
          projectId={projectId}
          awaitedExportId={awaitedExportId}
          onAwaitedSettled={() => setAwaitedExportId(null)}
        />
      </section>
    </div>
  );
}
