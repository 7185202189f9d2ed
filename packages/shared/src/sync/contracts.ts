// Inputs of the sync-back procedures and the line format of the captions manifest that a sync
// writes at the connection's root.
import { z } from 'zod';
import { ObjectId } from '../api/common';

/** Where an S3 sync puts its objects when the connection names no prefix of its own. */
export const DEFAULT_S3_SYNC_PREFIX = 'captions/';
/** File name of the manifest a sync writes at the folder root (or under the S3 sync prefix). */
export const SYNC_MANIFEST_NAME = 'captions.jsonl';
/** What a sidecar's file name adds to its image's file name (`cat.jpg` → `cat.jpg.txt`). */
export const SIDECAR_SUFFIX = '.txt';

/** One line of captions.jsonl: an approved caption of one image of the connection. */
export const SyncManifestLine = z.object({
  /** The image's path relative to the folder root, or its object key in the bucket. */
  file: z.string().min(1),
  caption: z.string(),
  /** When the approved label last changed (ISO 8601). */
  updated_at: z.string(),
});
export type SyncManifestLine = z.infer<typeof SyncManifestLine>;

/**
 * An S3 key prefix for synced objects: relative, forward slashes, no `.`/`..` segments, ending in
 * `/` (added when missing); empty puts sidecars next to the images.
 */
export const S3SyncPrefix = z
  .string()
  .trim()
  .max(512, 'Prefix too long')
  .refine((value) => !value.startsWith('/'), 'The prefix is relative to the bucket: no leading /')
  .refine(
    (value) => !value.split('/').some((segment) => segment === '.' || segment === '..'),
    'The prefix may not contain "." or ".." segments',
  )
  .refine((value) => !value.includes('\0') && !value.includes('//'), 'Not a valid key prefix')
  .transform((value) => (value === '' || value.endsWith('/') ? value : `${value}/`));

export const StartSyncRequest = z.object({
  connectionId: ObjectId,
  /** Re-check every approved caption instead of only those changed since the last clean run. */
  full: z.boolean().default(false),
});
export type StartSyncRequest = z.infer<typeof StartSyncRequest>;

export const ListSyncRunsRequest = z.object({
  projectId: ObjectId,
  limit: z.number().int().min(1).max(100).default(20),
});
export type ListSyncRunsRequest = z.infer<typeof ListSyncRunsRequest>;

export const SyncRunRef = z.object({ syncRunId: ObjectId });
export type SyncRunRef = z.infer<typeof SyncRunRef>;

export const SetS3SyncPrefixRequest = z.object({
  connectionId: ObjectId,
  syncPrefix: S3SyncPrefix,
});
export type SetS3SyncPrefixRequest = z.infer<typeof SetS3SyncPrefixRequest>;
