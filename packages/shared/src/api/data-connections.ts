import { z } from 'zod';
import { ObjectId } from './common';

export const DataConnectionKind = z.enum(['UPLOAD', 'URL_LIST', 'SERVER_FOLDER', 'S3']);
export type DataConnectionKind = z.infer<typeof DataConnectionKind>;

const ConnectionName = z
  .string()
  .trim()
  .min(1, 'Give the connection a name')
  .max(100, 'Keep the name under 100 characters');

/** One URL to import, with the id it should carry (defaults to the URL itself). */
export const UrlListEntry = z.object({
  url: z.string().trim().min(1, 'Empty URL').max(4096, 'URL longer than 4096 characters'),
  externalId: z.string().trim().min(1).max(1024).optional(),
});
export type UrlListEntry = z.infer<typeof UrlListEntry>;

/** Most URLs one list may hold; bigger datasets belong in a folder or bucket connection. */
export const MAX_URL_LIST_ENTRIES = 1_000_000;

/** A pasted or uploaded list: one URL per line, or CSV with a `url` and an optional `external_id` column. */
const UrlListText = z
  .string()
  .min(1, 'Paste at least one URL')
  .max(200_000_000, 'The list is too large');

/** Folder path relative to the server's DATA_ROOT. */
const FolderPath = z.string().max(1024, 'Path too long');

const S3Settings = {
  endpoint: z
    .string()
    .trim()
    .max(2048)
    .refine(
      (value) => value === '' || /^https?:\/\//i.test(value),
      'Endpoint must be an http(s) URL',
    )
    .optional(),
  bucket: z
    .string()
    .trim()
    .min(1, 'Name the bucket')
    .max(255)
    .regex(/^[A-Za-z0-9._-]+$/, 'Bucket names use letters, digits, dots, dashes and underscores'),
  prefix: z.string().trim().max(1024).default(''),
  region: z.string().trim().min(1).max(64).default('us-east-1'),
};

/** Non-secret S3 settings as stored in DataConnection.config. */
export const S3ConnectionConfig = z.object(S3Settings);
export type S3ConnectionConfig = z.infer<typeof S3ConnectionConfig>;

export const S3Credentials = z.object({
  accessKeyId: z.string().trim().min(1, 'Enter the access key id').max(256),
  secretAccessKey: z.string().min(1, 'Enter the secret access key').max(1024),
});
export type S3Credentials = z.infer<typeof S3Credentials>;

/** Body of dataConnections.create: one shape per kind. */
export const CreateDataConnectionRequest = z.discriminatedUnion('kind', [
  z.object({ projectId: ObjectId, kind: z.literal('UPLOAD'), name: ConnectionName }),
  z.object({
    projectId: ObjectId,
    kind: z.literal('URL_LIST'),
    name: ConnectionName,
    listText: UrlListText,
  }),
  z.object({
    projectId: ObjectId,
    kind: z.literal('SERVER_FOLDER'),
    name: ConnectionName,
    path: FolderPath,
  }),
  z.object({
    projectId: ObjectId,
    kind: z.literal('S3'),
    name: ConnectionName,
    ...S3Settings,
    ...S3Credentials.shape,
  }),
]);
export type CreateDataConnectionRequest = z.infer<typeof CreateDataConnectionRequest>;

export const DataConnectionRef = z.object({ connectionId: ObjectId });
export type DataConnectionRef = z.infer<typeof DataConnectionRef>;

/** Replaces a URL list connection's list; the next re-sync imports new URLs and marks dropped ones removed. */
export const ReplaceUrlListRequest = z.object({ connectionId: ObjectId, listText: UrlListText });
export type ReplaceUrlListRequest = z.infer<typeof ReplaceUrlListRequest>;

export const ImportRunRef = z.object({ importRunId: ObjectId });
export type ImportRunRef = z.infer<typeof ImportRunRef>;

export const ListImportRunsRequest = z.object({
  projectId: ObjectId,
  limit: z.number().int().min(1).max(100).default(20),
});
export type ListImportRunsRequest = z.infer<typeof ListImportRunsRequest>;

/** Lists of up to this many URLs are imported within the REST request; longer ones run in the background. */
export const SYNC_URL_IMPORT_LIMIT = 1_000;

/** Body of POST /api/v1/projects/:projectId/data-rows (JSON form). */
export const ImportUrlsRequest = z.object({
  urls: z
    .array(z.union([z.string().transform((url) => ({ url })), UrlListEntry]))
    .min(1, 'Send at least one URL')
    .max(100_000, 'Send at most 100000 URLs per request'),
});
export type ImportUrlsRequest = z.infer<typeof ImportUrlsRequest>;

/** Query of GET /api/v1/projects/:projectId/data-rows. */
export const ListDataRowsQuery = z.object({
  cursor: ObjectId.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type ListDataRowsQuery = z.infer<typeof ListDataRowsQuery>;

/** One item that could not be imported, with a reason people can act on. */
export const ImportFailure = z.object({ input: z.string(), error: z.string() });
export type ImportFailure = z.infer<typeof ImportFailure>;
