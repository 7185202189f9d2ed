import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, appendFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, listMigrations, MIGRATIONS_DIR } from '../src/migrate';
import { createScratchDatabase } from './helpers';

describe('applyMigrations', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  beforeAll(async () => {
    scratch = await createScratchDatabase('migrate');
  });
  afterAll(async () => {
    await scratch.drop();
  });

  it('applies every committed migration to an empty database, then nothing on a second run', async () => {
    const first = await applyMigrations(scratch.url, { log: () => {} });
    expect(first).toEqual(listMigrations().map((m) => m.name));
    expect(first.length).toBeGreaterThan(0);
    expect(await applyMigrations(scratch.url, { log: () => {} })).toEqual([]);
  });

  it("records Prisma's checksum (sha256 of migration.sql) so prisma migrate deploy agrees", async () => {
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    await client.end();
    for (const row of rows) {
      const sql = readFileSync(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('warns when an applied migration was edited afterwards', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const first = listMigrations(dir)[0]!;
    appendFileSync(path.join(dir, first.name, 'migration.sql'), '\n-- edited\n');
    const lines: string[] = [];
    await applyMigrations(scratch.url, { log: (line) => lines.push(line), dir });
    expect(lines.join('\n')).toContain(`migration ${first.name} was edited`);
  });

  it('rolls back a failing migration and records nothing for it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const broken = path.join(dir, '99990101000000_broken');
    cpSync(path.join(MIGRATIONS_DIR, listMigrations()[0]!.name), broken, { recursive: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      path.join(broken, 'migration.sql'),
      'CREATE TABLE "Half" (id int);\nSELECT * FROM "NoSuchTable";\n',
    );
    await expect(applyMigrations(scratch.url, { log: () => {}, dir })).rejects.toThrow(
      /99990101000000_broken failed/,
    );
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const half = await client.query(`SELECT to_regclass('"Half"') AS t`);
    const recorded = await client.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99990101000000_broken'`,
    );
    await client.end();
    expect(half.rows[0].t).toBeNull();
    expect(recorded.rowCount).toBe(0);
  });
});
