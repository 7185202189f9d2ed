// POST /api/v1/projects/:projectId/data-rows with a JSON list of URLs: short lists are imported
// within the request, long ones become a background run the client polls.
import {
  SYNC_URL_IMPORT_LIMIT,
  type DataImportPayload,
  type ImportFailure,
  type UrlListEntry,
} from '@captionary/shared';
import type { Queue } from 'bullmq';
import type { TeamActor } from '../actor';
import { apiConnection } from './api-connections';
import { createImportRun, enqueueImportRun } from './import-runs';
import type { ImportDependencies } from './process-data-import';
import { runImport } from './run-import';
import { urlListSource } from './sources/url-list-source';
import { assertCanImport, assertTeamProject } from './team-scope';
import { importRunUrlListKey, writeUrlList } from './url-list-store';

export type UrlImportResult =
  | {
      mode: 'completed';
      importRunId: string;
      status: 'SUCCEEDED' | 'FAILED';
      created: number;
      skipped: number;
      failed: ImportFailure[];
    }
  | { mode: 'queued'; importRunId: string; status: 'QUEUED'; totalItems: number };

export async function importUrls(
  deps: ImportDependencies,
  queue: Queue<DataImportPayload>,
  actor: TeamActor,
  projectId: string,
  entries: UrlListEntry[],
): Promise<UrlImportResult> {
  assertCanImport(actor);
  await assertTeamProject(deps.db, actor.teamId, projectId);
  const connection = await apiConnection(deps.db, projectId, 'URL_LIST');
  const run = await createImportRun(deps.db, actor, projectId, connection.id);

  if (entries.length > SYNC_URL_IMPORT_LIMIT) {
    const itemsKey = importRunUrlListKey(projectId, run.id);
    await writeUrlList(deps.storage, itemsKey, entries);
    await deps.db.importRun.update({ where: { id: run.id }, data: { totalItems: entries.length } });
    await enqueueImportRun(deps.db, queue, { importRunId: run.id, mode: 'import', itemsKey });
    return { mode: 'queued', importRunId: run.id, status: 'QUEUED', totalItems: entries.length };
  }

  const outcome = await runImport(
    {
      db: deps.db,
      storage: deps.storage,
      run: { id: run.id, projectId, connectionId: connection.id },
      mode: 'import',
      concurrency: deps.settings.concurrency,
      keepAllFailures: true,
    },
    urlListSource(entries, deps.settings),
  );
  return {
    mode: 'completed',
    importRunId: run.id,
    status: outcome.status,
    created: outcome.counts.created,
    skipped: outcome.counts.skipped,
    failed: outcome.failures,
  };
}
