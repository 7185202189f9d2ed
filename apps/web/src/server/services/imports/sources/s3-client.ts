// An S3 client whose every connection goes to the vetted address of the configured endpoint.
import { S3Client } from '@aws-sdk/client-s3';
import type { S3ConnectionConfig, S3Credentials } from '@captionary/shared';
import http from 'node:http';
import https from 'node:https';
import { ImportItemError, ImportSourceError } from '../import-item-error';
import { pinnedLookup, vetHost, type ResolveHost } from '../vetted-address';

/** The endpoint URL, AWS's own when none is configured. */
export function s3EndpointUrl(config: S3ConnectionConfig): URL {
  const raw = config.endpoint || `https://s3.${config.region}.amazonaws.com`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ImportSourceError('The S3 endpoint is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ImportSourceError('The S3 endpoint must be an http or https URL');
  }
  return url;
}

/** Refuses endpoints on private addresses unless allowed; returns the address to connect to. */
export async function vetS3Endpoint(
  config: S3ConnectionConfig,
  allowHosts: ReadonlySet<string>,
  resolve?: ResolveHost,
) {
  const url = s3EndpointUrl(config);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  try {
    return await vetHost(url.hostname, port, allowHosts, resolve);
  } catch (error) {
    if (error instanceof ImportItemError) {
      throw new ImportSourceError(`S3 endpoint refused: ${error.message}`);
    }
    throw error;
  }
}

/**
 * A client pinned to the endpoint's vetted address. Path-style addressing keeps every request on
 * the endpoint host itself; with virtual-hosted style the bucket name would become part of the
 * host, which the pin would silently redirect, so pinning is only sound with path style.
 */
export async function createPinnedS3Client(
  config: S3ConnectionConfig,
  credentials: S3Credentials,
  allowHosts: ReadonlySet<string>,
  timeoutMs: number,
): Promise<S3Client> {
  const vetted = await vetS3Endpoint(config, allowHosts);
  const lookup = pinnedLookup(vetted);
  return new S3Client({
    endpoint: s3EndpointUrl(config).toString(),
    region: config.region,
    forcePathStyle: true,
    credentials,
    // Checksums only where the API demands them: with the default, streamed uploads (caption
    // sync) are sent aws-chunked with trailing checksums, which many S3-compatible servers store
    // verbatim instead of decoding.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    maxAttempts: 2,
    requestHandler: {
      httpAgent: new http.Agent({ keepAlive: true, lookup }),
      httpsAgent: new https.Agent({ keepAlive: true, lookup }),
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
    },
  });
}
