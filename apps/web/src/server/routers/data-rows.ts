import { BrowseRowsRequest, CountRowsRequest, DataRowRef } from '@captionary/shared';
import { browseRows, countRows } from '../services/data-rows/browse-rows';
import { getRowDetail } from '../services/data-rows/row-detail';
import { router, teamProcedure } from '../trpc';

export const dataRowsRouter = router({
  /** One page of the dataset browser (keyset pagination, filters). */
  browse: teamProcedure('LABELER')
    .input(BrowseRowsRequest)
    .query(({ ctx, input }) => browseRows(ctx.db, ctx.team.id, input)),

  count: teamProcedure('LABELER')
    .input(CountRowsRequest)
    .query(({ ctx, input }) => countRows(ctx.db, ctx.team.id, input)),

  /** A row with its image facts, predictions per model version and label history. */
  get: teamProcedure('LABELER')
    .input(DataRowRef)
    .query(({ ctx, input }) => getRowDetail(ctx.db, ctx.team.id, input.rowId)),
});
