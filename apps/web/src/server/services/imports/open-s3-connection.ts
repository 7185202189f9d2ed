// An S3 connection's client: credentials decrypted, endpoint vetted and pinned. Imports read
// through it and syncs write through it.
import type { S3Client } from '@aws-sdk/client-s3';
import type { DataConnection } from '@captionary/db';
import { decryptSecrets } from './connection-secrets';
import { parseConnectionConfig, S3Credentials } from './connection-config';
import { ImportSourceError } from './import-item-error';
import type { ImportSettings } from './import-settings';
import { createPinnedS3Client } from './sources/s3-client';

type S3Connection = Pick<DataConnection, 'config' | 'secretsEncrypted'>;

/**
 * The client and parsed config of an S3 connection. ImportSourceError when it has no credentials
 * or the server has no key to read them; a private endpoint is refused unless allow-listed.
 */
export async function openS3Connection(connection: S3Connection, settings: ImportSettings) {
  const config = parseConnectionConfig('S3', connection.config);
  if (!connection.secretsEncrypted) throw new ImportSourceError('The bucket has no credentials');
  if (!settings.encryptionKey) {
    throw new ImportSourceError('DATA_ENCRYPTION_KEY is not set, so credentials cannot be read');
  }
  const credentials = decryptSecrets(
    settings.encryptionKey,
    connection.secretsEncrypted,
    S3Credentials,
  );
  const client: S3Client = await createPinnedS3Client(
    config,
    credentials,
    settings.allowHosts,
    settings.fetchTimeoutMs,
  );
  return { client, config };
}
