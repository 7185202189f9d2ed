// Sync into the connection's S3 bucket: `<sync prefix><image key>.txt` per image and
// `<sync prefix>captions.jsonl`. An object is compared by its ETag (the MD5 of a single-part
// upload) before it is written, so a rerun with nothing new uploads nothing.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { SYNC_MANIFEST_NAME } from '@captionary/shared';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { splitLines, utf8Chunks } from './line-chunks';
import { SyncItemError, SyncTargetError } from './sync-errors';
import { sidecarName, type SyncTarget, type WriteOutcome } from './sync-target';

const TEXT = 'text/plain; charset=utf-8';
const JSONL = 'application/x-ndjson; charset=utf-8';

function httpStatusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function describeS3Error(error: unknown): string {
  const name = (error as { name?: string }).name ?? 'error';
  const status = httpStatusOf(error);
  return `${name}${status ? ` (HTTP ${status})` : ''}`;
}

const md5Hex = (bytes: Buffer | string) => createHash('md5').update(bytes).digest('hex');

export function s3SyncTarget(client: S3Client, bucket: string, syncPrefix: string): SyncTarget {
  const keyOf = (file: string) => `${syncPrefix}${sidecarName(file)}`;
  const manifestKey = `${syncPrefix}${SYNC_MANIFEST_NAME}`;

  /** The object's ETag without quotes, or null when there is no such object. */
  async function currentEtag(key: string, signal: AbortSignal): Promise<string | null> {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), {
        abortSignal: signal,
      });
      return head.ETag?.replaceAll('"', '') ?? '';
    } catch (error) {
      if (httpStatusOf(error) === 404) return null;
      throw new SyncItemError(`Reading ${key} failed: ${describeS3Error(error)}`);
    }
  }

  async function put(
    key: string,
    body: Buffer | Readable,
    length: number,
    contentType: string,
    signal: AbortSignal,
  ): Promise<void> {
    try {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentLength: length,
          ContentType: contentType,
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      throw new SyncItemError(`Writing ${key} failed: ${describeS3Error(error)}`);
    }
  }

  return {
    description: `s3://${bucket}/${syncPrefix}`,
    async writeSidecar(file, content, signal): Promise<WriteOutcome> {
      const bytes = Buffer.from(content, 'utf8');
      const key = keyOf(file);
      if ((await currentEtag(key, signal)) === md5Hex(bytes)) return 'unchanged';
      await put(key, bytes, bytes.length, TEXT, signal);
      return 'written';
    },
    async removeSidecar(file, signal) {
      const key = keyOf(file);
      if ((await currentEtag(key, signal)) === null) return false;
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), {
          abortSignal: signal,
        });
        return true;
      } catch (error) {
        throw new SyncItemError(`Removing ${key} failed: ${describeS3Error(error)}`);
      }
    },
    async *readManifestLines(signal) {
      let body: Readable;
      try {
        const object = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: manifestKey }),
          { abortSignal: signal },
        );
        if (!object.Body) return;
        body = object.Body as Readable;
      } catch (error) {
        if (httpStatusOf(error) === 404) return;
        throw new SyncTargetError(`Reading ${manifestKey} failed: ${describeS3Error(error)}`);
      }
      body.setEncoding('utf8');
      yield* splitLines(body as AsyncIterable<string>);
    },
    async writeManifest(lines, signal) {
      // Spooled to a local file first: the upload needs its length and the comparison its MD5,
      // and neither is known until the last line, while memory must stay constant.
      const folder = await mkdtemp(path.join(tmpdir(), 'captionary-sync-'));
      try {
        const spool = path.join(folder, SYNC_MANIFEST_NAME);
        const hash = createHash('md5');
        const handle = await open(spool, 'w');
        try {
          for await (const chunk of utf8Chunks(lines, signal)) {
            hash.update(chunk);
            await handle.write(chunk);
          }
        } finally {
          await handle.close();
        }
        if ((await currentEtag(manifestKey, signal)) === hash.digest('hex')) return 'unchanged';
        const { size } = await stat(spool);
        await put(manifestKey, createReadStream(spool), size, JSONL, signal);
        return 'written';
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
    close: () => client.destroy(),
  };
}
