import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '../../../../server/root';
import { refuseCrossSiteRequest } from '../../../../server/security/same-origin';
import { createTrpcContext } from '../../../../server/trpc-context';

async function handler(req: Request): Promise<Response> {
  // Procedures are authenticated by the session cookie, which other sites' pages can make the
  // browser send: mutations from anywhere but our own pages stop here, before any procedure runs.
  const refused = refuseCrossSiteRequest(req);
  if (refused) return refused;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: createTrpcContext,
    onError({ error, path, type }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        console.error(`tRPC ${type} ${path ?? '?'} failed`, error.cause ?? error);
      }
    },
  });
}

export { handler as GET, handler as POST };
