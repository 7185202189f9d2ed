// What clients see of connections and import runs. Secrets never leave the server: a connection
// only says whether it has credentials.
import type { DataConnection, ImportRun, Prisma } from '@captionary/db';
import { ImportFailure, type DataConnectionKind } from '@captionary/shared';
import { z } from 'zod';
import { parseConnectionConfig } from './connection-config';

export interface ImportRunSummary {
  id: string;
  projectId: string;
  connectionId: string;
  status: ImportRun['status'];
  totalItems: number;
  /** Items handled so far: created + skipped + failed + changed. */
  processed: number;
  created: number;
  skipped: number;
  failed: number;
  changed: number;
  removed: number;
  failures: ImportFailure[];
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export const IMPORT_RUN_SELECT = {
  id: true,
  projectId: true,
  connectionId: true,
  status: true,
  totalItems: true,
  created: true,
  skipped: true,
  failed: true,
  changed: true,
  removed: true,
  failures: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} satisfies Prisma.ImportRunSelect;

type SelectedRun = Prisma.ImportRunGetPayload<{ select: typeof IMPORT_RUN_SELECT }>;

export function toImportRunSummary(run: SelectedRun): ImportRunSummary {
  const failures = z.array(ImportFailure).safeParse(run.failures);
  return {
    ...run,
    processed: run.created + run.skipped + run.failed + run.changed,
    failures: failures.success ? failures.data : [],
  };
}

/** Settings people may see, per kind (paths, bucket names, list sizes; never credentials). */
export type ConnectionSettingsView =
  | { kind: 'UPLOAD'; origin: 'ui' | 'api' }
  | { kind: 'URL_LIST'; entryCount: number; origin: 'ui' | 'api' }
  | { kind: 'SERVER_FOLDER'; path: string }
  | { kind: 'S3'; endpoint: string | null; bucket: string; prefix: string; region: string };

export interface DataConnectionSummary {
  id: string;
  projectId: string;
  kind: DataConnectionKind;
  name: string;
  settings: ConnectionSettingsView | null;
  hasCredentials: boolean;
  /** Whether the UI can start imports and re-syncs of it (uploads and API lists cannot). */
  resyncable: boolean;
  rowCount: number;
  lastSyncedAt: Date | null;
  createdAt: Date;
  latestRun: ImportRunSummary | null;
}

function settingsView(
  connection: Pick<DataConnection, 'kind' | 'config'>,
): ConnectionSettingsView | null {
  try {
    switch (connection.kind) {
      case 'UPLOAD':
        return { kind: 'UPLOAD', ...parseConnectionConfig('UPLOAD', connection.config) };
      case 'URL_LIST': {
        const { entryCount, origin } = parseConnectionConfig('URL_LIST', connection.config);
        return { kind: 'URL_LIST', entryCount, origin };
      }
      case 'SERVER_FOLDER':
        return {
          kind: 'SERVER_FOLDER',
          ...parseConnectionConfig('SERVER_FOLDER', connection.config),
        };
      case 'S3': {
        const { endpoint, bucket, prefix, region } = parseConnectionConfig('S3', connection.config);
        return { kind: 'S3', endpoint: endpoint || null, bucket, prefix, region };
      }
    }
  } catch {
    return null;
  }
}

export function isResyncable(settings: ConnectionSettingsView | null): boolean {
  if (!settings || settings.kind === 'UPLOAD') return false;
  return settings.kind !== 'URL_LIST' || settings.origin === 'ui';
}

export function toConnectionSummary(
  connection: Pick<
    DataConnection,
    | 'id'
    | 'projectId'
    | 'kind'
    | 'name'
    | 'config'
    | 'secretsEncrypted'
    | 'lastSyncedAt'
    | 'createdAt'
  >,
  rowCount: number,
  latestRun: ImportRunSummary | null,
): DataConnectionSummary {
  const settings = settingsView(connection);
  return {
    id: connection.id,
    projectId: connection.projectId,
    kind: connection.kind,
    name: connection.name,
    settings,
    hasCredentials: connection.secretsEncrypted !== null,
    resyncable: isResyncable(settings),
    rowCount,
    lastSyncedAt: connection.lastSyncedAt,
    createdAt: connection.createdAt,
    latestRun,
  };
}
