// Imports sent through the REST API land in one connection per project and kind, created on first
// use, so the data page shows where those rows came from.
import type { DataConnection, DataConnectionKind } from '@captionary/db';
import type { DbClient } from '../actor';

const API_CONNECTION_NAMES: Record<'UPLOAD' | 'URL_LIST', string> = {
  UPLOAD: 'API uploads',
  URL_LIST: 'API URL imports',
};

export async function apiConnection(
  db: DbClient,
  projectId: string,
  kind: 'UPLOAD' | 'URL_LIST',
): Promise<DataConnection> {
  const existing = await db.dataConnection.findFirst({
    where: {
      projectId,
      kind: kind as DataConnectionKind,
      config: { path: ['origin'], equals: 'api' },
    },
    orderBy: { createdAt: 'asc' },
  });
  if (existing) return existing;
  return db.dataConnection.create({
    data: {
      projectId,
      kind,
      name: API_CONNECTION_NAMES[kind],
      config: kind === 'UPLOAD' ? { origin: 'api' } : { origin: 'api', listKey: '', entryCount: 0 },
    },
  });
}
