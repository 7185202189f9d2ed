import {
  CreateDataConnectionRequest,
  DataConnectionRef,
  ImportRunRef,
  ListImportRunsRequest,
  ProjectRef,
  ReplaceUrlListRequest,
} from '@captionary/shared';
import {
  createDataConnection,
  listDataConnections,
  replaceUrlList,
} from '../services/imports/data-connections';
import {
  getImportRun,
  listImportRuns,
  startConnectionImport,
} from '../services/imports/import-runs';
import { getDataImportQueue, importDependencies } from '../services/imports/import-runtime';
import { importSettingsFromEnv } from '../services/imports/import-settings';
import { beginUpload } from '../services/imports/upload-import';
import { router, teamProcedure } from '../trpc';

export const dataConnectionsRouter = router({
  list: teamProcedure('LABELER')
    .input(ProjectRef)
    .query(({ ctx, input }) => listDataConnections(ctx.db, ctx.team.id, input.projectId)),

  /** What this server can import from, so the page can explain disabled options. */
  capabilities: teamProcedure('LABELER').query(() => {
    const settings = importSettingsFromEnv();
    return {
      serverFolders: settings.dataRoot !== undefined,
      storedCredentials: settings.encryptionKey !== undefined,
      maxBytes: settings.maxBytes,
    };
  }),

  /** Creates a connection and, for sources the server reads, starts its first import. */
  create: teamProcedure('ADMIN')
    .input(CreateDataConnectionRequest)
    .mutation(async ({ ctx, input }) => {
      const connection = await createDataConnection(importDependencies(ctx.db), ctx.actor, input);
      const firstRun = connection.resyncable
        ? await startConnectionImport(
            ctx.db,
            getDataImportQueue(),
            ctx.actor,
            connection.id,
            'import',
          )
        : null;
      return { connection, firstRun };
    }),

  startImport: teamProcedure('ADMIN')
    .input(DataConnectionRef)
    .mutation(({ ctx, input }) =>
      startConnectionImport(ctx.db, getDataImportQueue(), ctx.actor, input.connectionId, 'import'),
    ),

  resync: teamProcedure('ADMIN')
    .input(DataConnectionRef)
    .mutation(({ ctx, input }) =>
      startConnectionImport(ctx.db, getDataImportQueue(), ctx.actor, input.connectionId, 'resync'),
    ),

  replaceUrlList: teamProcedure('ADMIN')
    .input(ReplaceUrlListRequest)
    .mutation(({ ctx, input }) => replaceUrlList(importDependencies(ctx.db), ctx.actor, input)),

  /** Creates the run an upload fills; the page then posts the files to /api/projects/…/uploads. */
  beginUpload: teamProcedure('ADMIN')
    .input(DataConnectionRef)
    .mutation(({ ctx, input }) =>
      beginUpload(importDependencies(ctx.db), ctx.actor, input.connectionId),
    ),

  runs: teamProcedure('LABELER')
    .input(ListImportRunsRequest)
    .query(({ ctx, input }) => listImportRuns(ctx.db, ctx.team.id, input.projectId, input.limit)),

  run: teamProcedure('LABELER')
    .input(ImportRunRef)
    .query(({ ctx, input }) => getImportRun(ctx.db, ctx.team.id, input.importRunId)),
});
