// Benchmark of the dataset browser's query on a 1M-row project: bulk-inserts the project in SQL
// (rows, and pre-labels, labels and work items for 60% of them), then times the service's page
// query for the first page, a deep page (keyset cursor after ~900k rows), a caption text search
// and a status filter. Each figure is the median of several runs after one warm-up.
//
// Alone: `tsx apps/web/bench/browser-query.ts [--rows N]` (throwaway database; prints figures and,
// last, one JSON line). The import benchmark calls measureBrowserQuery() and adds the figures.
import { createDb, type Db } from '@captionary/db';
import { defaultWorkflow } from '@captionary/shared';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { queryRowsPage } from '../src/server/services/data-rows/browse-rows';
import { encodeRowCursor } from '../src/server/services/data-rows/row-cursor';

export interface BrowserQueryFigures {
  rows: number;
  /** Median ms of the first page (48 rows, no filter). */
  firstPageMs: number;
  /** Median ms of a page after ~90% of the rows, by keyset cursor. */
  deepPageMs: number;
  /** Median ms of the first page of a caption search matching ~0.1% of the rows. */
  textSearchMs: number;
  /** Median ms of the first page filtered to approved labels (~12% of the rows). */
  statusFilterMs: number;
  /** Seconds the bulk insert of the project took (rows, labels, predictions, indexes). */
  seedSeconds: number;
}

const PAGE_SIZE = 48;
const RUNS = 7;

function externalIdOf(n: number): string {
  return `img-${String(n).padStart(7, '0')}.jpg`;
}

/** Writes the project with SQL set operations; returns its id. */
async function seedProject(db: Db, rows: number): Promise<string> {
  const team = await db.team.create({
    data: { name: 'Browser benchmark', slug: `bench-${process.pid}-${Date.now()}` },
  });
  const project = await db.project.create({
    data: { teamId: team.id, name: 'One million images', workflowConfig: defaultWorkflow() },
  });
  const model = await db.modelVersion.create({
    data: { name: 'bench-model', checksum: `bench-${Date.now()}`, tiny: true },
  });
  const job = await db.captionJob.create({
    data: {
      projectId: project.id,
      modelName: model.name,
      modelVersionId: model.id,
      params: { maxNewTokens: 30, minNewTokens: 0, numBeams: 1 },
      status: 'COMPLETED',
    },
  });
  await db.$executeRaw`
    INSERT INTO "DataRow" ("projectId", "externalId", "sourceUri", "storageKey", sha256,
      "mimeType", "byteSize", width, height)
    SELECT ${project.id}::uuid, 'img-' || lpad(n::text, 7, '0') || '.jpg',
      'https://images.example/' || n || '.jpg', 'projects/bench/rows/' || n || '.jpg',
      md5(n::text) || md5((n + 1)::text), 'image/jpeg', 48000, 640, 480
    FROM generate_series(1, ${rows}::int) AS n`;
  // Three rows in five get a pre-label; one caption in a thousand mentions a lighthouse.
  await db.$executeRaw`
    CREATE TEMP TABLE bench_captioned AS
    SELECT r.id, n, 'a ' || (ARRAY['red','blue','green','small','large','old'])[1 + n % 6] || ' '
      || (ARRAY['bicycle','dog','house','boat','tree','car','bird'])[1 + n % 7]
      || CASE WHEN n % 1000 = 7 THEN ' next to a lighthouse' ELSE ' on a street' END AS caption
    FROM "DataRow" r, LATERAL (SELECT substring(r."externalId" from 5 for 7)::int AS n) s
    WHERE r."projectId" = ${project.id}::uuid AND n % 5 < 3`;
  await db.$executeRaw`
    INSERT INTO "Prediction" ("jobId", "dataRowId", "modelVersionId", caption, score, "latencyMs", params)
    SELECT ${job.id}::uuid, id, ${model.id}::uuid, caption, -1.5, 40,
      '{"maxNewTokens":30,"minNewTokens":0,"numBeams":1}'::jsonb
    FROM bench_captioned`;
  await db.$executeRaw`
    INSERT INTO "Label" ("projectId", "dataRowId", caption, status, "updatedAt")
    SELECT ${project.id}::uuid, id, caption,
      (CASE WHEN n % 5 = 0 THEN 'APPROVED' ELSE 'DRAFT' END)::"LabelStatus", now()
    FROM bench_captioned`;
  await db.$executeRaw`
    INSERT INTO "WorkItem" ("projectId", "dataRowId", "stepId", "updatedAt")
    SELECT ${project.id}::uuid, id, CASE WHEN n % 5 = 0 THEN 'done' ELSE 'label' END, now()
    FROM bench_captioned`;
  await db.$executeRaw`DROP TABLE bench_captioned`;
  await db.$executeRawUnsafe('ANALYZE "DataRow", "Label", "WorkItem", "Prediction"');
  return project.id;
}

async function medianMs(runs: number, action: () => Promise<unknown>): Promise<number> {
  await action(); // warm-up: plan cache and buffer cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await action();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 100) / 100;
}

/** Seeds a project of `rows` rows in the given database and times the browser query on it. */
export async function measureBrowserQuery({
  databaseUrl,
  rows = 1_000_000,
  runs = RUNS,
}: {
  databaseUrl: string;
  rows?: number;
  runs?: number;
}): Promise<BrowserQueryFigures> {
  // The connection pool of the benchmark process, released before returning.
  const db = createDb(databaseUrl, { max: 2 });
  try {
    const seedStarted = performance.now();
    const projectId = await seedProject(db, rows);
    const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
    const deepCursor = encodeRowCursor(externalIdOf(Math.floor(rows * 0.9)));
    const page = async (filter: object, cursor: string | null = null) => {
      const result = await queryRowsPage(db, projectId, filter, cursor, PAGE_SIZE);
      if (result.rows.length === 0) throw new Error(`empty page for ${JSON.stringify(filter)}`);
      return result;
    };
    return {
      rows,
      firstPageMs: await medianMs(runs, () => page({})),
      deepPageMs: await medianMs(runs, () => page({}, deepCursor)),
      textSearchMs: await medianMs(runs, () => page({ text: 'lighthouse' })),
      statusFilterMs: await medianMs(runs, () => page({ labelStatus: 'APPROVED' })),
      seedSeconds,
    };
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const { values } = parseArgs({ options: { rows: { type: 'string' } } });
  const rows = values.rows ? Number(values.rows) : 1_000_000;
  // Imported here so that callers of measureBrowserQuery() do not load the service tooling.
  const { startServices } = await import('../../../scripts/lib/services');
  const { applyMigrations } = await import('@captionary/db/migrate');
  const services = await startServices({
    database: `captionary_bench_browser_${process.pid}`,
    throwaway: true,
  });
  try {
    await applyMigrations(services.databaseUrl);
    const figures = await measureBrowserQuery({ databaseUrl: services.databaseUrl, rows });
    console.log(
      `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ` +
        `${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    );
    console.log(
      `dataset browser on ${figures.rows.toLocaleString()} rows (seeded in ${figures.seedSeconds} s)`,
    );
    console.log(`  first page         ${figures.firstPageMs} ms`);
    console.log(`  deep page (~90%)   ${figures.deepPageMs} ms`);
    console.log(`  caption search     ${figures.textSearchMs} ms`);
    console.log(`  status filter      ${figures.statusFilterMs} ms`);
    console.log(JSON.stringify({ browserQuery: figures }));
  } finally {
    await services.stop();
  }
  // The migration runner's engine keeps the event loop alive (see ENVIRONMENT.md).
  process.exit(0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
