// A dedicated database connection holding one REPEATABLE READ, READ ONLY transaction: every query
// of an export (the count, and the rows, twice for COCO) sees the data as of its first query,
// whatever reviewers change meanwhile.
import pg from 'pg';

export interface ExportSnapshot {
  client: pg.Client;
  /** Ends the transaction and closes the connection; safe to call more than once. */
  close(): Promise<void>;
}

/** Opens a connection of its own (not from Prisma's pool: a long export must not starve it). */
export async function openExportSnapshot(databaseUrl: string): Promise<ExportSnapshot> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'captionary-export',
  });
  // Without a listener, a connection lost mid-export would crash the server process; the
  // failed query that follows reports it to the export instead.
  client.on('error', (error) => console.error(`export connection: ${error.message}`));
  await client.connect();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      // Read only: there is nothing to commit, and ROLLBACK works even after a failed query.
      await client.query('ROLLBACK');
    } catch {
      // The connection is already broken; ending it is all that is left.
    } finally {
      await client.end().catch(() => {});
    }
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // JIT compiles the export query for seconds before the first row; a cursor streams anyway.
    await client.query('SET LOCAL jit = off');
  } catch (error) {
    await close();
    throw error;
  }
  return { client, close };
}
