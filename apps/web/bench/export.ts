// Export benchmark: seeds N approved labels (default 1,000,000) on a throwaway database, starts
// the built web app, and streams each export format through the real HTTP endpoint
// (GET /api/v1/projects/:projectId/export) to nowhere. Prints rows/s, bytes/s and the web
// process's peak RSS per format; the last line is one JSON object of figures.
//
// Memory figures: `peakRssMb` is the kernel's peak resident set (VmHWM, reset before each run),
// which also counts file-backed pages (the node binary, native libraries); `peakAnonMb` is the
// largest anonymous resident memory (JS heap, buffers, malloc) sampled every 20 ms during the run,
// and `peakAboveIdleMb` how far the peak rose above the idle server.
//
// Usage: npm run bench:export [-- --rows 200000] [--formats labelbox-ndjson,jsonl+gzip]
//        [--port 3390]
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { applyMigrations } from '@captionary/db/migrate';
import {
  ensureWebBuild,
  prepareDatabase,
  startWeb,
  waitForWeb,
} from '../../../scripts/lib/platform';
import { startServices } from '../../../scripts/lib/services';
import { seedApprovedLabels } from './export-seed';
import { machine } from '../../../scripts/lib/machine';
import { freePort } from '../../../scripts/lib/free-port';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    formats: {
      type: 'string',
      default: 'labelbox-ndjson,coco-captions,jsonl,labelbox-ndjson+gzip',
    },
    port: { type: 'string' },
  },
});
const rowCount = Number(values.rows);
const FORMATS = ['labelbox-ndjson', 'coco-captions', 'jsonl'] as const;
const runsToDo = values.formats.split(',').map((entry) => {
  const [format, suffix] = entry.trim().split('+');
  if (!FORMATS.includes(format as (typeof FORMATS)[number]) || (suffix && suffix !== 'gzip')) {
    throw new Error(`--formats: unknown entry ${entry} (formats: ${FORMATS.join(', ')}; +gzip)`);
  }
  return [format!, suffix === 'gzip'] as const;
});

/** The process and its descendants (Next may serve from a child of the `next start` process). */
function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const tasks = readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, 'utf8');
      pids.push(...tasks.split(/\s+/).filter(Boolean).map(Number));
    } catch {
      // The process ended meanwhile.
    }
  }
  return pids;
}

/**
 * A `/proc/<pid>/status` field in MB (VmHWM: peak resident set; VmRSS: resident now; RssAnon and
 * RssFile: its anonymous and file-backed parts).
 */
function statusMb(pid: number, field: 'VmHWM' | 'VmRSS' | 'RssAnon' | 'RssFile'): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(
      new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'),
    );
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Starts a fresh peak (VmHWM) for every process of the tree; false where Linux refuses. */
function resetPeaks(pids: number[]): boolean {
  let reset = true;
  for (const pid of pids) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      reset = false;
    }
  }
  return reset;
}

interface FormatRun {
  format: string;
  gzip: boolean;
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  megabytesPerSecond: number;
  peakRssMb: number;
  peakAnonMb: number;
  peakIsPerRun: boolean;
}

/** Samples the tree's largest anonymous resident memory until stopped. */
function sampleAnonPeak(pids: number[]): () => number {
  let peak = 0;
  const sample = () => {
    for (const pid of pids) peak = Math.max(peak, statusMb(pid, 'RssAnon'));
  };
  sample();
  const timer = setInterval(sample, 20);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}

async function streamOnce(
  baseUrl: string,
  apiKey: string,
  projectId: string,
  format: string,
  gzip: boolean,
  webPid: number,
  rowsInProject: number,
): Promise<FormatRun> {
  const pids = processTree(webPid);
  const peakIsPerRun = resetPeaks(pids);
  const stopSampling = sampleAnonPeak(pids);
  const started = performance.now();
  // node:http rather than fetch: fetch inflates gzip, and the wire size is one of the figures.
  const { status, encoding, bytes } = await new Promise<{
    status: number;
    encoding: string | undefined;
    bytes: number;
  }>((resolve, reject) => {
    const request = http.get(
      `${baseUrl}/api/v1/projects/${projectId}/export?format=${format}`,
      {
        headers: {
          authorization: `Bearer ${apiKey}`,
          'accept-encoding': gzip ? 'gzip' : 'identity',
        },
      },
      (response) => {
        let received = 0;
        response.on('data', (chunk: Buffer) => (received += chunk.length));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            encoding: response.headers['content-encoding'],
            bytes: received,
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
  const peakAnonMb = stopSampling();
  if (status !== 200) throw new Error(`${format}: HTTP ${status}`);
  if (gzip && encoding !== 'gzip') {
    console.log(`  note: ${format} was not gzipped by the server (content-encoding: ${encoding})`);
  }
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = Math.max(...pids.map((pid) => statusMb(pid, 'VmHWM')));
  return {
    format: gzip ? `${format}+gzip` : format,
    gzip,
    rows: rowsInProject,
    bytes,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(rowsInProject / seconds),
    megabytesPerSecond: Number((bytes / 1e6 / seconds).toFixed(1)),
    peakRssMb: Math.round(peakRssMb),
    peakAnonMb: Math.round(peakAnonMb),
    peakIsPerRun,
  };
}

const services = await startServices({
  database: `captionary_bench_export_${process.pid}`,
  throwaway: true,
  log: () => {},
});
let web: ReturnType<typeof startWeb> | undefined;
try {
  await applyMigrations(services.databaseUrl, { log: () => {} });
  const credentials = await prepareDatabase(services.databaseUrl);
  if (!credentials) throw new Error('the benchmark database must start empty');
  const info = machine();
  console.log(`export benchmark: ${rowCount} approved labels`);
  console.log(`machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB, node ${info.node}`);

  const seeded = await seedApprovedLabels(services.databaseUrl, credentials.team.id, rowCount);
  console.log(`seeded ${seeded.rows} approved labels in ${seeded.seconds.toFixed(1)} s`);

  await ensureWebBuild();
  const port = values.port ? Number(values.port) : await freePort();
  web = startWeb(
    { databaseUrl: services.databaseUrl, redisUrl: services.redisUrl, port },
    { quiet: true },
  );
  await waitForWeb(port);
  const baseUrl = `http://127.0.0.1:${port}`;
  const webPid = web.current().pid!;
  // Loads the route's code once, so the first format is not charged for it.
  await fetch(
    `${baseUrl}/api/v1/projects/${seeded.projectId}/export?format=jsonl&since=2999-01-01`,
    { headers: { authorization: `Bearer ${credentials.apiKey.key}` } },
  ).then((r) => r.text());
  const idle = (field: 'VmRSS' | 'RssAnon' | 'RssFile') =>
    Math.round(Math.max(...processTree(webPid).map((pid) => statusMb(pid, field))));
  const idleRssMb = idle('VmRSS');
  const idleAnonMb = idle('RssAnon');
  console.log(
    `web process: ${idleRssMb} MB resident before the exports ` +
      `(${idleAnonMb} MB anonymous, ${idle('RssFile')} MB file-backed)`,
  );

  const runs: FormatRun[] = [];
  for (const [format, gzip] of runsToDo) {
    const run = await streamOnce(
      baseUrl,
      credentials.apiKey.key,
      seeded.projectId,
      format,
      gzip,
      webPid,
      seeded.rows,
    );
    runs.push(run);
    console.log(
      `${run.format.padEnd(20)} ${run.rows} rows in ${run.seconds} s: ` +
        `${run.rowsPerSecond.toLocaleString('en')} rows/s, ${run.megabytesPerSecond} MB/s ` +
        `(${(run.bytes / 1e6).toFixed(0)} MB), peak RSS ${run.peakRssMb} MB` +
        (run.peakIsPerRun ? '' : ' (since start)') +
        ` (+${run.peakRssMb - idleRssMb} MB over idle; anonymous peak ${run.peakAnonMb} MB)`,
    );
  }
  const ndjson = runs.find((run) => run.format === 'labelbox-ndjson') ?? runs[0]!;
  const targets = {
    ndjsonRowsPerSecond: ndjson.rowsPerSecond >= 50_000,
    ndjsonPeakRssUnder256Mb: ndjson.peakRssMb < 256,
  };
  console.log(
    `targets: NDJSON ≥ 50,000 rows/s ${targets.ndjsonRowsPerSecond ? 'met' : 'MISSED'}, ` +
      `peak RSS < 256 MB ${targets.ndjsonPeakRssUnder256Mb ? 'met' : 'MISSED'}`,
  );
  console.log(
    JSON.stringify({
      benchmark: 'export',
      rows: seeded.rows,
      seedSeconds: Number(seeded.seconds.toFixed(1)),
      idleRssMb,
      idleAnonMb,
      formats: Object.fromEntries(
        runs.map((run) => [
          run.format,
          {
            rowsPerSecond: run.rowsPerSecond,
            bytesPerSecond: Math.round(run.bytes / run.seconds),
            bytes: run.bytes,
            seconds: run.seconds,
            peakRssMb: run.peakRssMb,
            peakAboveIdleMb: run.peakRssMb - idleRssMb,
            peakAnonMb: run.peakAnonMb,
          },
        ]),
      ),
      targets,
      machine: info,
    }),
  );
} finally {
  await web?.stop();
  await services.stop();
}
