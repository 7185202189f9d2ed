import { analyticsRouter } from './routers/analytics';
import { apiKeysRouter } from './routers/api-keys';
import { captionJobsRouter } from './routers/caption-jobs';
import { dataConnectionsRouter } from './routers/data-connections';
import { dataRowsRouter } from './routers/data-rows';
import { exportsRouter } from './routers/exports';
import { invitationsRouter } from './routers/invitations';
import { projectsRouter } from './routers/projects';
import { reviewRouter } from './routers/review';
import { syncRouter } from './routers/sync';
import { teamsRouter } from './routers/teams';
import { webhooksRouter } from './routers/webhooks';
import { createCallerFactory, router } from './trpc';

/** Every tRPC procedure of the web app, by domain. */
export const appRouter = router({
  teams: teamsRouter,
  invitations: invitationsRouter,
  projects: projectsRouter,
  apiKeys: apiKeysRouter,
  dataRows: dataRowsRouter,
  captionJobs: captionJobsRouter,
  dataConnections: dataConnectionsRouter,
  sync: syncRouter,
  webhooks: webhooksRouter,
  exports: exportsRouter,
  review: reviewRouter,
  analytics: analyticsRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (server components and tests), with a context built by the caller. */
export const createCaller = createCallerFactory(appRouter);
