// The non-secret settings each kind of connection keeps in DataConnection.config, validated
// whenever they are read back from the database.
import { S3ConnectionConfig, S3Credentials, type DataConnectionKind } from '@captionary/shared';
import { z } from 'zod';
import { ImportSourceError } from './import-item-error';

export const UploadConfig = z.object({ origin: z.enum(['ui', 'api']).default('ui') });
export const UrlListConfig = z.object({
  listKey: z.string(),
  entryCount: z.number().int(),
  origin: z.enum(['ui', 'api']).default('ui'),
});
export const FolderConfig = z.object({ path: z.string() });
export { S3ConnectionConfig, S3Credentials };

const CONFIG_SCHEMAS = {
  UPLOAD: UploadConfig,
  URL_LIST: UrlListConfig,
  SERVER_FOLDER: FolderConfig,
  S3: S3ConnectionConfig,
} as const;

type ConfigOf<Kind extends DataConnectionKind> = z.infer<(typeof CONFIG_SCHEMAS)[Kind]>;

/** A connection's config, checked against its kind's schema. */
export function parseConnectionConfig<Kind extends DataConnectionKind>(
  kind: Kind,
  raw: unknown,
): ConfigOf<Kind> {
  const parsed = CONFIG_SCHEMAS[kind].safeParse(raw);
  if (!parsed.success) throw new ImportSourceError('The connection settings are corrupt');
  return parsed.data as ConfigOf<Kind>;
}
