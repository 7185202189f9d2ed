import {
  ListSyncRunsRequest,
  ProjectRef,
  SetS3SyncPrefixRequest,
  StartSyncRequest,
  SyncRunRef,
} from '@captionary/shared';
import { getSyncRunQueue } from '../services/sync/sync-runtime';
import {
  getSyncRun,
  listSyncConnections,
  listSyncRuns,
  setS3SyncPrefix,
  startSync,
} from '../services/sync/sync-runs';
import { router, teamProcedure } from '../trpc';

/** Writing approved captions back to the project's data connections. */
export const syncRouter = router({
  connections: teamProcedure('LABELER')
    .input(ProjectRef)
    .query(({ ctx, input }) => listSyncConnections(ctx.db, ctx.team.id, input.projectId)),

  runs: teamProcedure('LABELER')
    .input(ListSyncRunsRequest)
    .query(({ ctx, input }) => listSyncRuns(ctx.db, ctx.team.id, input.projectId, input.limit)),

  run: teamProcedure('LABELER')
    .input(SyncRunRef)
    .query(({ ctx, input }) => getSyncRun(ctx.db, ctx.team.id, input.syncRunId)),

  start: teamProcedure('ADMIN')
    .input(StartSyncRequest)
    .mutation(({ ctx, input }) => startSync(ctx.db, getSyncRunQueue(), ctx.actor, input)),

  setS3Prefix: teamProcedure('ADMIN')
    .input(SetS3SyncPrefixRequest)
    .mutation(({ ctx, input }) => setS3SyncPrefix(ctx.db, ctx.actor, input)),
});
