// Builds the target a sync writes to, for the connection kinds that have a writable source.
import type { DataConnection } from '@captionary/db';
import { DEFAULT_S3_SYNC_PREFIX, S3SyncPrefix, type DataConnectionKind } from '@captionary/shared';
import { z } from 'zod';
import { decryptSecrets, SecretBoxError } from '../imports/connection-secrets';
import { parseConnectionConfig, S3Credentials } from '../imports/connection-config';
import { ImportSourceError } from '../imports/import-item-error';
import type { ImportSettings } from '../imports/import-settings';
import { createPinnedS3Client } from '../imports/sources/s3-client';
import { openFolderSyncTarget } from './folder-sync-target';
import { s3SyncTarget } from './s3-sync-target';
import { SyncTargetError } from './sync-errors';
import type { SyncTarget } from './sync-target';

type ConnectionForSync = Pick<DataConnection, 'kind' | 'config' | 'secretsEncrypted'>;

/** The sync setting an S3 connection keeps in its config beside the import settings. */
const S3SyncSettings = z.object({ syncPrefix: S3SyncPrefix.default(DEFAULT_S3_SYNC_PREFIX) });

/** The prefix synced objects go under, for an S3 connection's stored config. */
export function s3SyncPrefixOf(config: unknown): string {
  const parsed = S3SyncSettings.safeParse(config);
  return parsed.success ? parsed.data.syncPrefix : DEFAULT_S3_SYNC_PREFIX;
}

/** Why a kind cannot be synced to, or null when it can. */
export function unsyncableReason(kind: DataConnectionKind): string | null {
  switch (kind) {
    case 'UPLOAD':
      return 'Uploaded files have no source to write back to; export the captions instead';
    case 'URL_LIST':
      return 'URL lists point at servers Captionary cannot write to; export the captions instead';
    case 'SERVER_FOLDER':
    case 'S3':
      return null;
  }
}

/** Opens the target; SyncTargetError when the connection cannot be written to now. */
export async function openSyncTarget(
  connection: ConnectionForSync,
  settings: ImportSettings,
): Promise<SyncTarget> {
  const refusal = unsyncableReason(connection.kind);
  if (refusal) throw new SyncTargetError(refusal);
  try {
    if (connection.kind === 'SERVER_FOLDER') {
      const config = parseConnectionConfig('SERVER_FOLDER', connection.config);
      return await openFolderSyncTarget(settings.dataRoot, config.path);
    }
    const config = parseConnectionConfig('S3', connection.config);
    if (!connection.secretsEncrypted) throw new SyncTargetError('The bucket has no credentials');
    if (!settings.encryptionKey) {
      throw new SyncTargetError('DATA_ENCRYPTION_KEY is not set, so credentials cannot be read');
    }
    const credentials = decryptSecrets(
      settings.encryptionKey,
      connection.secretsEncrypted,
      S3Credentials,
    );
    // Pinned to the endpoint's vetted address: a private endpoint is refused unless allow-listed.
    const client = await createPinnedS3Client(
      config,
      credentials,
      settings.allowHosts,
      settings.fetchTimeoutMs,
    );
    return s3SyncTarget(client, config.bucket, s3SyncPrefixOf(connection.config));
  } catch (error) {
    if (error instanceof ImportSourceError || error instanceof SecretBoxError) {
      throw new SyncTargetError(error.message);
    }
    throw error;
  }
}
