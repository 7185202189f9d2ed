import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** sha256 of a file, streamed so multi-gigabyte external-data files do not sit in memory. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function sha256Bytes(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * One checksum for a whole model version: sha256 over "name sha256" lines sorted by name, so it
 * depends only on file contents and names, not on the order a manifest happens to list them.
 */
export function modelChecksum(fileChecksums: Record<string, string>): string {
  const lines = Object.keys(fileChecksums)
    .sort()
    .map((name) => `${name} ${fileChecksums[name]}\n`);
  return sha256Bytes(lines.join(''));
}
