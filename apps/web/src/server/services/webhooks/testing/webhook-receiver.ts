// An HTTP receiver on 127.0.0.1 for webhook tests: records every request with its raw body and
// answers with the status a per-path script gives for that request's number.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  port: number;
  /** `127.0.0.1:<port>`, the IMPORT_ALLOW_HOSTS entry for this receiver. */
  hostPort: string;
  url(path: string): string;
  received(path: string): ReceivedRequest[];
  close(): Promise<void>;
}

/** `statusFor(path, n)` answers the n-th request (1-based) to `path`. */
export async function startWebhookReceiver(
  statusFor: (path: string, n: number) => number,
): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      requests.push({
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const n = requests.filter((r) => r.path === path).length;
      response.writeHead(statusFor(path, n), { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hostPort: `127.0.0.1:${port}`,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
