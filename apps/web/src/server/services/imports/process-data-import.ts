// One background import job: load the run and its connection, open the source, run the import.
import type { Db, ObjectStorage } from '@captionary/db';
import type { DataImportPayload } from '@captionary/shared';
import { ImportSourceError } from './import-item-error';
import type { ImportSettings } from './import-settings';
import { openImportSource } from './open-import-source';
import { runImport, type ImportOutcome } from './run-import';

export interface ImportDependencies {
  db: Db;
  storage: ObjectStorage;
  settings: ImportSettings;
}

/** Runs the import a queue job names; a run that already finished is left as it is. */
export async function processDataImport(
  { db, storage, settings }: ImportDependencies,
  payload: DataImportPayload,
  signal?: AbortSignal,
): Promise<ImportOutcome | null> {
  const run = await db.importRun.findUnique({
    where: { id: payload.importRunId },
    select: {
      id: true,
      projectId: true,
      connectionId: true,
      status: true,
      connection: { select: { kind: true, config: true, secretsEncrypted: true } },
    },
  });
  if (!run || run.status === 'SUCCEEDED' || run.status === 'FAILED') return null;
  let source;
  try {
    source = await openImportSource(run.connection, settings, storage, payload.itemsKey);
  } catch (error) {
    const expected =
      error instanceof ImportSourceError || (error as Error).name === 'SecretBoxError';
    if (!expected) console.error('opening import source failed', error);
    const message = expected ? (error as Error).message : 'The import could not start';
    await db.importRun.update({
      where: { id: run.id },
      data: { status: 'FAILED', error: message, finishedAt: new Date() },
    });
    return null;
  }
  try {
    return await runImport(
      {
        db,
        storage,
        run: { id: run.id, projectId: run.projectId, connectionId: run.connectionId },
        mode: payload.mode,
        concurrency: settings.concurrency,
        signal,
      },
      source,
    );
  } finally {
    source.close?.();
  }
}
