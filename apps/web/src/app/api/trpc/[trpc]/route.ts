import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '../../../../server/root';
import { createTrpcContext } from '../../../../server/trpc-context';

function handler(req: Request): Promise<Response> {
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
