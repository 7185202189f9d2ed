// Builds the target a sync writes to, for the connection kinds that have a writable source.
import type { DataConnection } from '@captionary/db';
import { DEFAULT_S3_SYNC_PREFIX, S3SyncPrefix, type DataConnectionKind } from '@captionary/shared';
import { z } from 'zod';
import { SecretBoxError } from '../imports/connection-secrets';
import { parseConnectionConfig } from '../imports/connection-config';
import { ImportSourceError } from '../imports/import-item-error';
import type { ImportSettings } from '../imports/import-settings';
import { openS3Connection } from '../imports/open-s3-connection';
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
    // Pinned to the endpoint's vetted address: a private endpoint is refused unless allow-listed.
    const { client, config } = await openS3Connection(connection, settings);
    return s3SyncTarget(client, config.bucket, s3SyncPrefixOf(connection.config));
  } catch (error) {
    if (error instanceof ImportSourceError || error instanceof SecretBoxError) {
      throw new SyncTargetError(error.message);
    }
    throw error;
  }
}
