// An S3-compatible bucket under a prefix. Objects with image file endings are listed page by page
// and read with the same size limit as any other import.
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { IMAGE_FILE_EXTENSIONS, type S3ConnectionConfig } from '@captionary/shared';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ImportItemError, ImportSourceError } from '../import-item-error';
import { tooLarge } from '../safe-http-fetch';
import type { ImportSource, SourceItem } from './import-source';

const isImageKey = (key: string) =>
  IMAGE_FILE_EXTENSIONS.has(path.posix.extname(key).slice(1).toLowerCase());

async function readLimited(body: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of body) {
    received += (chunk as Buffer).length;
    if (received > maxBytes) {
      body.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function describeS3Error(error: unknown): string {
  const name = (error as { name?: string }).name ?? 'error';
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return `${name}${status ? ` (HTTP ${status})` : ''}`;
}

export function s3Source(
  client: S3Client,
  config: S3ConnectionConfig,
  maxBytes: number,
): ImportSource {
  return {
    close: () => client.destroy(),
    async list(signal) {
      const items: SourceItem[] = [];
      let continuationToken: string | undefined;
      do {
        const page = await client
          .send(
            new ListObjectsV2Command({
              Bucket: config.bucket,
              Prefix: config.prefix || undefined,
              ContinuationToken: continuationToken,
            }),
            { abortSignal: signal },
          )
          .catch((error: unknown) => {
            throw new ImportSourceError(`Listing the bucket failed: ${describeS3Error(error)}`);
          });
        for (const object of page.Contents ?? []) {
          if (object.Key && isImageKey(object.Key)) {
            items.push({
              externalId: object.Key,
              sourceUri: `s3://${config.bucket}/${object.Key}`,
            });
          }
        }
        continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (continuationToken);
      return items;
    },
    async read(item, signal) {
      const object = await client
        .send(new GetObjectCommand({ Bucket: config.bucket, Key: item.externalId }), {
          abortSignal: signal,
        })
        .catch((error: unknown) => {
          throw new ImportItemError(`Reading the object failed: ${describeS3Error(error)}`);
        });
      if ((object.ContentLength ?? 0) > maxBytes) throw tooLarge(maxBytes);
      if (!object.Body) throw new ImportItemError('The object has no body');
      return readLimited(object.Body as Readable, maxBytes);
    },
  };
}
