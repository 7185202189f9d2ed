// One HTTP attempt of a delivery: POST to the vetted, pinned address, no redirects (a redirect
// could point anywhere, and the receiver is expected to answer at the URL it gave), a hard
// timeout, and only the status code kept from the answer.
import http from 'node:http';
import https from 'node:https';
import { pinnedLookup, type ResolveHost } from '../imports/vetted-address';
import { vetWebhookTarget, WebhookTargetError } from './webhook-target';

export interface PostWebhookOptions {
  allowHosts: ReadonlySet<string>;
  timeoutMs: number;
  resolve?: ResolveHost;
}

/** The receiver's answer; anything but 2xx counts as a failed attempt. */
export interface PostWebhookResult {
  status: number;
}

/** Thrown when the request did not get an answer (refused, reset, timed out). */
export class WebhookNetworkError extends Error {
  override readonly name = 'WebhookNetworkError';
}

export async function postWebhook(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  options: PostWebhookOptions,
): Promise<PostWebhookResult> {
  const target = await vetWebhookTarget(rawUrl, options.allowHosts, options.resolve);
  const client = target.url.protocol === 'https:' ? https : http;
  const payload = Buffer.from(body, 'utf8');
  const signal = AbortSignal.timeout(options.timeoutMs);
  return new Promise<PostWebhookResult>((resolve, reject) => {
    const request = client.request(
      target.url,
      {
        method: 'POST',
        // A fresh socket per attempt: the pinned address is only valid for this attempt.
        agent: false,
        lookup: pinnedLookup(target.address),
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(payload.length),
          'user-agent': 'Captionary-Webhooks/1',
        },
        signal,
      },
      (response) => {
        // The body is not kept: only the status says whether the receiver took the event.
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
        response.on('error', () => resolve({ status: response.statusCode ?? 0 }));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof WebhookTargetError) reject(error);
      else if (signal.aborted)
        reject(new WebhookNetworkError('The receiver did not answer in time'));
      else
        reject(new WebhookNetworkError(`Could not connect${error.code ? ` (${error.code})` : ''}`));
    });
    request.end(payload);
  });
}
