// Computes the SQL that takes a database built from prisma/migrations to prisma/schema.prisma,
// using Prisma's schema engine compiled to WebAssembly (no native engine download needed).
// The engine replays the migrations into a throwaway "shadow" database that this module creates
// and drops itself, so the engine never creates or drops databases on its own.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { listMigrations, MIGRATIONS_DIR } from '../../packages/db/src/migrate';
import { REPO_ROOT } from './paths';
import { loadSchemaEngine } from './schema-engine-wasm';
import { withDatabase } from './services';

/** PostgreSQL's internal one-byte "char" type (OID 18), which catalog queries return. */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/**
 * Two gaps between adapter-pg and what the schema engine needs, mended on the connected adapter:
 * - introspection reads catalog columns of type "char", which adapter-pg refuses as unsupported;
 *   the driver already returns them as strings, so they are reported as text;
 * - adapter-pg runs a migration script by splitting it on every ";", which breaks function bodies;
 *   PostgreSQL's simple query protocol runs a whole multi-statement script as it is.
 */
function adaptForSchemaEngine<T extends object>(adapter: T): T {
  const queryable = adapter as unknown as {
    client: { query(sql: string): Promise<unknown> };
    performIO(query: unknown): Promise<{ fields: { dataTypeID: number }[] }>;
    executeScript(script: string): Promise<void>;
  };
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields)
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
  queryable.executeScript = async (script) => {
    await queryable.client.query(script);
  };
  return adapter;
}

function readOptional(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/** Returns the migration SQL still missing from prisma/migrations (empty when they match). */
export async function diffMigrationsToSchema(serverUrl: string): Promise<string> {
  const shadowName = `captionary_shadow_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${shadowName}"`);
  const pgFactory = new PrismaPg({ connectionString: withDatabase(serverUrl, shadowName) });
  const adapter = bindMigrationAwareSqlAdapterFactory({
    adapterName: pgFactory.adapterName,
    provider: pgFactory.provider,
    connect: () => pgFactory.connect().then(adaptForSchemaEngine),
    connectToShadowDb: () => pgFactory.connect().then(adaptForSchemaEngine),
  });
  try {
    const schemaPath = path.join(REPO_ROOT, 'prisma/schema.prisma');
    const schema = readFileSync(schemaPath, 'utf8');
    const { SchemaEngine } = await loadSchemaEngine();
    const engine = await SchemaEngine.new(
      { datamodels: [[schemaPath, schema]] },
      () => {},
      adapter,
    );
    try {
      const result = await engine.diff({
        from: {
          tag: 'migrations',
          baseDir: MIGRATIONS_DIR,
          lockfile: {
            path: 'migration_lock.toml',
            content: readOptional(path.join(MIGRATIONS_DIR, 'migration_lock.toml')),
          },
          shadowDbInitScript: '',
          migrationDirectories: listMigrations().map((migration) => ({
            path: migration.name,
            migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: migration.sql } },
          })),
        },
        to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
        script: true,
        exitCode: null,
        filters: { externalTables: [], externalEnums: [] },
      });
      const sql = result.stdout ?? '';
      return /^-- This is an empty migration/.test(sql.trim()) ? '' : sql.trim();
    } finally {
      engine.free();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
    await admin.end();
  }
}
