// A lean HTTP client for load generators: node:http over kept-alive connections. The load runs on
// the machine it measures, so its own cost matters: fetch spends about 2 ms of CPU per request
// here, time taken from the server under test and added to every latency it reports.
import http from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
  /** From sending the request to having the whole answer. */
  ms: number;
  /** performance.now() when the request was sent. */
  startedAt: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** Sends a request with an optional body and reads the whole answer as text. */
export function request(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string,
): Promise<HttpAnswer> {
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = http.request(url, {
      method,
      agent,
      headers:
        body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
    });
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - startedAt,
          startedAt,
        }),
      );
    });
    outgoing.end(body);
  });
}
