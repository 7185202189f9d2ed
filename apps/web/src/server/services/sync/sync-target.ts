// What a sync writes to: a server folder or an S3 bucket. Both keep one caption sidecar per
// approved image and one manifest, and both leave a file alone when it already holds the content.
import { SIDECAR_SUFFIX } from '@captionary/shared';

/** Whether a write changed anything; a rerun with nothing new answers 'unchanged' everywhere. */
export type WriteOutcome = 'written' | 'unchanged';

export interface SyncTarget {
  /** Where the files go, for messages (`DATA_ROOT/photos`, `s3://bucket/captions/`). */
  readonly description: string;
  /** Writes the sidecar of the image `file` unless it already holds exactly `content`. */
  writeSidecar(file: string, content: string, signal: AbortSignal): Promise<WriteOutcome>;
  /** Removes the sidecar of the image `file`; false when there was none to remove. */
  removeSidecar(file: string, signal: AbortSignal): Promise<boolean>;
  /** The current manifest's lines (none when there is no manifest yet). */
  readManifestLines(signal: AbortSignal): AsyncIterable<string>;
  /** Replaces the manifest with `lines` (each ending in a newline) unless it is identical. */
  writeManifest(lines: AsyncIterable<string>, signal: AbortSignal): Promise<WriteOutcome>;
  close(): void;
}

/** The sidecar's name: the image's file name plus `.txt`, so `a.jpg` and `a.png` never share one. */
export function sidecarName(file: string): string {
  return `${file}${SIDECAR_SUFFIX}`;
}

/** A sidecar's content: the caption and a final newline. */
export function sidecarContent(caption: string): string {
  return `${caption}\n`;
}
