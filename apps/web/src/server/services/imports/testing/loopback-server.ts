// An HTTP server on 127.0.0.1 for import tests and benchmarks: serves whatever a route table
// says, including redirects, and counts requests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type LoopbackResponse =
  { body: Buffer; contentType?: string; status?: number } | { redirect: string; status?: number };

export interface LoopbackServer {
  port: number;
  /** `127.0.0.1:<port>`, the IMPORT_ALLOW_HOSTS entry for this server. */
  hostPort: string;
  url(path: string): string;
  close(): Promise<void>;
}

export async function startLoopbackServer(
  respond: (path: string) => LoopbackResponse | undefined | Promise<LoopbackResponse | undefined>,
): Promise<LoopbackServer> {
  const server = http.createServer((request, response) => {
    void Promise.resolve(respond(request.url ?? '/')).then((answer) => {
      if (!answer) {
        response.writeHead(404).end();
      } else if ('redirect' in answer) {
        response.writeHead(answer.status ?? 302, { location: answer.redirect }).end();
      } else {
        response
          .writeHead(answer.status ?? 200, {
            'content-type': answer.contentType ?? 'image/jpeg',
            'content-length': answer.body.length,
          })
          .end(answer.body);
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hostPort: `127.0.0.1:${port}`,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
