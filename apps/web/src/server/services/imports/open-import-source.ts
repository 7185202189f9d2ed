// Builds the source an import reads from, for a connection of any kind.
import type { DataConnection, ObjectStorage } from '@captionary/db';
import { parseConnectionConfig } from './connection-config';
import { ImportSourceError } from './import-item-error';
import type { ImportSettings } from './import-settings';
import { openS3Connection } from './open-s3-connection';
import { folderSource } from './sources/folder-source';
import type { ImportSource } from './sources/import-source';
import { s3Source } from './sources/s3-source';
import { urlListSource } from './sources/url-list-source';
import { readUrlList } from './url-list-store';

type ConnectionForImport = Pick<DataConnection, 'kind' | 'config' | 'secretsEncrypted'>;

/**
 * The source for `connection`; `itemsKey` names a URL list stored for one run (REST imports),
 * read instead of the connection's own listing.
 */
export async function openImportSource(
  connection: ConnectionForImport,
  settings: ImportSettings,
  storage: ObjectStorage,
  itemsKey?: string,
): Promise<ImportSource> {
  if (itemsKey) return urlListSource(await readUrlList(storage, itemsKey), settings);
  switch (connection.kind) {
    case 'URL_LIST': {
      const config = parseConnectionConfig('URL_LIST', connection.config);
      return urlListSource(await readUrlList(storage, config.listKey), settings);
    }
    case 'SERVER_FOLDER': {
      const config = parseConnectionConfig('SERVER_FOLDER', connection.config);
      return folderSource(settings.dataRoot, config.path, settings.maxBytes);
    }
    case 'S3': {
      const { client, config } = await openS3Connection(connection, settings);
      return s3Source(client, config, settings.maxBytes);
    }
    case 'UPLOAD':
      throw new ImportSourceError('Upload connections import files as they are uploaded');
  }
}
