import { ExportRef, ListExportsRequest, ProjectRef, StartExportRequest } from '@captionary/shared';
import { serverEnv } from '../../env';
import { notFound } from '../errors';
import { getExportQueue } from '../services/exports/export-queue';
import { findTeamExport } from '../services/exports/export-records';
import {
  exportFilterOptions,
  listProjectExports,
  startBackgroundExport,
} from '../services/exports/exports-service';
import { router, teamProcedure } from '../trpc';

const queue = getExportQueue;
const retention = () => ({ retentionDays: serverEnv().EXPORT_RETENTION_DAYS });

/** Exports need the reviewer role: they carry every caption and who reviewed it. */
export const exportsRouter = router({
  /** Starts a background export; the history shows its progress, then its file. */
  start: teamProcedure('REVIEWER')
    .input(StartExportRequest)
    .mutation(({ ctx, input }) => startBackgroundExport({ db: ctx.db, queue }, ctx.actor, input)),

  list: teamProcedure('REVIEWER')
    .input(ListExportsRequest)
    .query(({ ctx, input }) =>
      listProjectExports({ db: ctx.db, queue, retention: retention() }, ctx.team.id, input),
    ),

  get: teamProcedure('REVIEWER')
    .input(ExportRef)
    .query(async ({ ctx, input }) => {
      const found = await findTeamExport(ctx.db, ctx.team.id, input.exportId);
      if (!found) throw notFound('Export');
      const { storageKey: _storageKey, ...view } = found;
      return view;
    }),

  filterOptions: teamProcedure('REVIEWER')
    .input(ProjectRef)
    .query(({ ctx, input }) => exportFilterOptions(ctx.db, ctx.team.id, input.projectId)),
});
