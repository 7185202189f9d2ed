// Dedicated database connections holding REPEATABLE READ, READ ONLY transactions that share one
// snapshot: every query of an export (the count, and the rows, twice for COCO) sees the data as of
// its first query, whatever reviewers change meanwhile. Rows are read over two connections at once
// (see readExportRowBatches), so two database processes work on one export.
import pg from 'pg';

/** Connections reading an export; two database processes produce its rows in parallel. */
const READER_CONNECTIONS = 2;

export interface ExportSnapshot {
  /** The first connection: counts, timestamps and other single queries go here. */
  client: pg.Client;
  /** Every connection in the snapshot, `client` first. */
  readers: pg.Client[];
  /** Ends the transactions and closes the connections; safe to call more than once. */
  close(): Promise<void>;
}

/** Opens a connection of its own (not from Prisma's pool: a long export must not starve it). */
async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'captionary-export',
  });
  // Without a listener, a connection lost mid-export would crash the server process; the
  // failed query that follows reports it to the export instead.
  client.on('error', (error) => console.error(`export connection: ${error.message}`));
  await client.connect();
  return client;
}

async function closeConnection(client: pg.Client): Promise<void> {
  try {
    // Read only: there is nothing to commit, and ROLLBACK works even after a failed query.
    await client.query('ROLLBACK');
  } catch {
    // The connection is already broken; ending it is all that is left.
  } finally {
    await client.end().catch(() => {});
  }
}

async function beginReadOnly(client: pg.Client, snapshotId?: string): Promise<void> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  if (snapshotId) await client.query(`SET TRANSACTION SNAPSHOT '${snapshotId}'`);
  // JIT compiles the export query for seconds before the first row; timestamps come as text in
  // the ISO style that isoTimestamp (export-query.ts) reads, whatever the server's default.
  await client.query(`SET LOCAL jit = off; SET LOCAL DateStyle = 'ISO'`);
}

export async function openExportSnapshot(databaseUrl: string): Promise<ExportSnapshot> {
  const readers: pg.Client[] = [];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.all(readers.map(closeConnection));
  };
  try {
    const client = await connect(databaseUrl);
    readers.push(client);
    await beginReadOnly(client);
    // Fixes the snapshot (its first query) and names it, for the other connections to share.
    const exported = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const snapshotId = exported.rows[0]!.id;
    if (!/^[0-9A-F-]+$/i.test(snapshotId)) throw new Error(`unexpected snapshot id ${snapshotId}`);
    for (let n = 1; n < READER_CONNECTIONS; n++) {
      const reader = await connect(databaseUrl);
      readers.push(reader);
      await beginReadOnly(reader, snapshotId);
    }
    return { client, readers, close };
  } catch (error) {
    await close();
    throw error;
  }
}
