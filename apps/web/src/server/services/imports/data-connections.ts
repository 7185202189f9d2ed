// Creating, listing and changing a project's data connections.
import type { Db, Prisma } from '@captionary/db';
import {
  MAX_URL_LIST_ENTRIES,
  type CreateDataConnectionRequest,
  type ReplaceUrlListRequest,
  type UrlListEntry,
} from '@captionary/shared';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors';
import type { TeamActor } from '../actor';
import { encryptSecrets } from './connection-secrets';
import { parseConnectionConfig } from './connection-config';
import { ImportItemError, ImportSourceError } from './import-item-error';
import {
  IMPORT_RUN_SELECT,
  toConnectionSummary,
  toImportRunSummary,
  type DataConnectionSummary,
} from './import-summaries';
import type { ImportDependencies } from './process-data-import';
import { checkRelativeFolderPath, resolveFolderBelowRoot } from './sources/folder-path';
import { vetS3Endpoint } from './sources/s3-client';
import { assertCanImport, assertTeamProject, findTeamConnection } from './team-scope';
import { connectionUrlListKey, writeUrlList } from './url-list-store';
import { parseUrlListText } from './url-list-text';

/** The project's connections with their row counts and latest import. */
export async function listDataConnections(
  db: Db,
  teamId: string,
  projectId: string,
): Promise<DataConnectionSummary[]> {
  await assertTeamProject(db, teamId, projectId);
  const connections = await db.dataConnection.findMany({
    where: { projectId },
    orderBy: { createdAt: 'asc' },
    include: {
      importRuns: { orderBy: { createdAt: 'desc' }, take: 1, select: IMPORT_RUN_SELECT },
    },
  });
  const counts = await db.dataRow.groupBy({
    by: ['connectionId'],
    where: { projectId, removedAt: null },
    _count: { _all: true },
  });
  const rowCounts = new Map(counts.map((row) => [row.connectionId, row._count._all]));
  return connections.map(({ importRuns, ...connection }) =>
    toConnectionSummary(
      connection,
      rowCounts.get(connection.id) ?? 0,
      importRuns[0] ? toImportRunSummary(importRuns[0]) : null,
    ),
  );
}

function invalid(field: string, error: unknown): AppError {
  if (error instanceof ImportSourceError || error instanceof ImportItemError) {
    return new AppError('INVALID_INPUT', error.message, { [field]: [error.message] });
  }
  throw error;
}

/** Parses a list and checks its size; INVALID_INPUT for an empty or oversized one. */
export function urlEntriesFromText(listText: string): UrlListEntry[] {
  const entries = parseUrlListText(listText);
  if (!entries.length) {
    throw new AppError('INVALID_INPUT', 'The list has no URLs', { listText: ['No URLs found'] });
  }
  if (entries.length > MAX_URL_LIST_ENTRIES) {
    throw new AppError('INVALID_INPUT', `A list may hold at most ${MAX_URL_LIST_ENTRIES} URLs`);
  }
  return entries;
}

async function configFor(
  deps: ImportDependencies,
  connectionId: string,
  input: CreateDataConnectionRequest,
): Promise<{ config: Prisma.InputJsonObject; secretsEncrypted: string | null }> {
  const { settings, storage } = deps;
  switch (input.kind) {
    case 'UPLOAD':
      return { config: { origin: 'ui' }, secretsEncrypted: null };
    case 'URL_LIST': {
      const entries = urlEntriesFromText(input.listText);
      const listKey = connectionUrlListKey(input.projectId, connectionId);
      await writeUrlList(storage, listKey, entries);
      return {
        config: { listKey, entryCount: entries.length, origin: 'ui' },
        secretsEncrypted: null,
      };
    }
    case 'SERVER_FOLDER': {
      if (!settings.dataRoot) {
        throw new AppError(
          'UNAVAILABLE',
          'Server folder imports are disabled: the operator has not set DATA_ROOT',
        );
      }
      const path = await Promise.resolve()
        .then(() => checkRelativeFolderPath(input.path))
        .then(async (checked) => {
          await resolveFolderBelowRoot(settings.dataRoot!, checked);
          return checked;
        })
        .catch((error: unknown) => {
          throw invalid('path', error);
        });
      return { config: { path }, secretsEncrypted: null };
    }
    case 'S3': {
      if (!settings.encryptionKey) {
        throw new AppError(
          'UNAVAILABLE',
          'Bucket credentials cannot be stored: the operator has not set DATA_ENCRYPTION_KEY',
        );
      }
      const { accessKeyId, secretAccessKey, endpoint, bucket, prefix, region } = input;
      const config = { endpoint: endpoint ?? '', bucket, prefix, region };
      await vetS3Endpoint(config, settings.allowHosts).catch((error: unknown) => {
        throw invalid('endpoint', error);
      });
      return {
        config,
        secretsEncrypted: encryptSecrets(settings.encryptionKey, { accessKeyId, secretAccessKey }),
      };
    }
  }
}

/** Creates a connection after checking its settings (folder exists below the root, endpoint public). */
export async function createDataConnection(
  deps: ImportDependencies,
  actor: TeamActor,
  input: CreateDataConnectionRequest,
): Promise<DataConnectionSummary> {
  assertCanImport(actor);
  await assertTeamProject(deps.db, actor.teamId, input.projectId);
  const id = randomUUID();
  const { config, secretsEncrypted } = await configFor(deps, id, input);
  const connection = await deps.db.dataConnection.create({
    data: {
      id,
      projectId: input.projectId,
      kind: input.kind,
      name: input.name,
      config,
      secretsEncrypted,
    },
  });
  return toConnectionSummary(connection, 0, null);
}

/** Swaps a URL list connection's list; re-sync afterwards imports the new and removes the dropped. */
export async function replaceUrlList(
  deps: ImportDependencies,
  actor: TeamActor,
  input: ReplaceUrlListRequest,
): Promise<void> {
  assertCanImport(actor);
  const connection = await findTeamConnection(deps.db, actor.teamId, input.connectionId);
  if (connection.kind !== 'URL_LIST') {
    throw new AppError('INVALID_INPUT', 'Only URL list connections have a list to replace');
  }
  const config = parseConnectionConfig('URL_LIST', connection.config);
  if (config.origin !== 'ui') {
    throw new AppError('INVALID_INPUT', 'Lists imported through the API cannot be replaced');
  }
  const entries = urlEntriesFromText(input.listText);
  await writeUrlList(deps.storage, config.listKey, entries);
  await deps.db.dataConnection.update({
    where: { id: connection.id },
    data: { config: { ...config, entryCount: entries.length } },
  });
}
