// Reads the rows of an export through a server-side cursor, a batch at a time, so that memory
// stays flat however large the project is. Sync-back reads the same rows through this module.
import type { ExportFilters } from '@captionary/shared';
import type pg from 'pg';
import { exportCountStatement, exportRowsStatement } from './export-sql';
import { RecordDirectory } from './record-directory';

/** One approve or reject decision on a label. */
export interface ExportReview {
  action: 'APPROVE' | 'REJECT';
  reviewer: { id: string; email: string; name: string } | null;
  stepId: string | null;
  comment: string | null;
  /** UTC ISO 8601. */
  at: string;
}

/** The model caption a label started from, with the model build that wrote it. */
export interface ExportPrelabel {
  predictionId: string;
  caption: string;
  /** Mean token log-probability. */
  score: number;
  jobId: string;
  modelVersion: { id: string; name: string; checksum: string };
}

/**
 * One label of an export with everything the formats need, as of the export's snapshot. Rows come
 * in external id order.
 */
export interface ExportRow {
  labelId: string;
  dataRow: {
    id: string;
    externalId: string;
    /** Where the image came from (URL, relative path, S3 key). */
    sourceUri: string;
    storageKey: string;
    width: number;
    height: number;
  };
  caption: string;
  status: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED';
  /** The workflow step of the row's work item; null when the row has none. */
  stepId: string | null;
  /** Who wrote the current caption; null while it is the model's pre-label. */
  author: { id: string; email: string; name: string } | null;
  /** UTC ISO 8601 timestamps of the label. */
  createdAt: string;
  updatedAt: string;
  approvedAt: string | null;
  /** Approve and reject decisions, oldest first. */
  reviews: ExportReview[];
  /** The latest approval among `reviews`, or null. */
  approval: ExportReview | null;
  prelabel: ExportPrelabel | null;
}

/** The part of a pg client (or pool client) that exports use. */
export type ExportQueryClient = Pick<pg.ClientBase, 'query'>;

/** A decision as the query returns it: [action, actorId, stepId, comment, at]. */
type RawReview = [ExportReview['action'], string | null, string | null, string | null, string];

interface RawExportRow {
  labelId: string;
  dataRowId: string;
  externalId: string;
  sourceUri: string;
  storageKey: string;
  width: number;
  height: number;
  caption: string;
  status: ExportRow['status'];
  stepId: string | null;
  createdAt: string;
  updatedAt: string;
  approvedAt: string | null;
  authorId: string | null;
  predictionId: string | null;
  prelabelCaption: string | null;
  prelabelScore: number | null;
  prelabelJobId: string | null;
  modelVersionId: string | null;
  reviews: RawReview[];
}

type Person = { id: string; email: string; name: string };
type ModelVersion = ExportPrelabel['modelVersion'];

/** The people and model versions an export names, by id, as of its snapshot. */
interface ExportDirectories {
  /** A user deleted meanwhile resolves to null, like a deleted author in the database. */
  people: RecordDirectory<Person>;
  models: RecordDirectory<ModelVersion>;
}

function exportDirectories(): ExportDirectories {
  return {
    people: new RecordDirectory('SELECT id, email, name FROM "User" WHERE id = ANY($1::uuid[])'),
    models: new RecordDirectory(
      'SELECT id, name, checksum FROM "ModelVersion" WHERE id = ANY($1::uuid[])',
    ),
  };
}

function* peopleIds(rows: RawExportRow[]): Generator<string | null> {
  for (const row of rows) {
    yield row.authorId;
    for (const review of row.reviews) yield review[1];
  }
}

async function loadDirectories(
  client: ExportQueryClient,
  directories: ExportDirectories,
  rows: RawExportRow[],
): Promise<void> {
  await directories.people.load(client, peopleIds(rows));
  await directories.models.load(
    client,
    rows.map((row) => row.modelVersionId),
  );
}

/**
 * ISO 8601 (UTC) of a timestamp(3) column's text under DateStyle ISO: "2026-11-05 08:22:45.43"
 * → "2026-11-05T08:22:45.430Z" (the database drops trailing zeros of the fraction, and the
 * whole fraction when it is zero).
 */
export function isoTimestamp(text: string): string {
  const dot = text.indexOf('.', 19);
  const fraction = dot === -1 ? '000' : text.slice(dot + 1).padEnd(3, '0');
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction}Z`;
}

function toExportRow(raw: RawExportRow, { people, models }: ExportDirectories): ExportRow {
  const reviews = raw.reviews.map(([action, actorId, stepId, comment, at]): ExportReview => ({
    action,
    reviewer: people.get(actorId),
    stepId,
    comment,
    at,
  }));
  const approval = reviews.findLast((review) => review.action === 'APPROVE') ?? null;
  const modelVersion = models.get(raw.modelVersionId);
  return {
    labelId: raw.labelId,
    dataRow: {
      id: raw.dataRowId,
      externalId: raw.externalId,
      sourceUri: raw.sourceUri,
      storageKey: raw.storageKey,
      width: raw.width,
      height: raw.height,
    },
    caption: raw.caption,
    status: raw.status,
    stepId: raw.stepId,
    author: people.get(raw.authorId),
    createdAt: isoTimestamp(raw.createdAt),
    updatedAt: isoTimestamp(raw.updatedAt),
    approvedAt: raw.approvedAt === null ? null : isoTimestamp(raw.approvedAt),
    reviews,
    approval,
    prelabel:
      raw.predictionId === null || modelVersion === null
        ? null
        : {
            predictionId: raw.predictionId,
            caption: raw.prelabelCaption ?? '',
            score: raw.prelabelScore ?? 0,
            jobId: raw.prelabelJobId ?? '',
            modelVersion,
          },
  };
}

/**
 * Rows fetched per round trip: the next batch is read ahead, so round trips cost little, while a
 * small batch's rows die young (in the scavenger) instead of piling up in the old generation.
 */
export const DEFAULT_EXPORT_BATCH_SIZE = 500;

// Cursor names must be unique within a transaction (a COCO export reads the rows twice).
let cursorSequence = 0;

/**
 * The export's rows in export order, a fetched batch at a time. `client` must be inside a
 * transaction (a cursor lives only there); open it with `openExportSnapshot` so that every read
 * sees the same snapshot. Stopping the iteration early closes the cursor.
 */
export async function* readExportRowBatches(
  client: ExportQueryClient,
  projectId: string,
  filters: ExportFilters,
  { batchSize = DEFAULT_EXPORT_BATCH_SIZE }: { batchSize?: number } = {},
): AsyncGenerator<ExportRow[], void, undefined> {
  const statement = exportRowsStatement(projectId, filters);
  const cursor = `export_rows_${++cursorSequence}`;
  const directories = exportDirectories();
  const fetchBatch = () => client.query<RawExportRow>(`FETCH ${batchSize} FROM ${cursor}`);
  // Timestamps arrive as text in the ISO style that isoTimestamp reads, whatever the server's
  // default (for the rest of the caller's transaction, which the cursor needs anyway).
  await client.query(`SET LOCAL DateStyle = 'ISO'`);
  await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${statement.text}`, statement.values);
  let pending: Promise<pg.QueryResult<RawExportRow>> | null = fetchBatch();
  try {
    while (pending) {
      const raw = (await pending).rows;
      pending = null;
      await loadDirectories(client, directories, raw);
      // Read ahead: the database produces the next batch while this one is serialized.
      if (raw.length === batchSize) pending = fetchBatch();
      const rows = raw.map((row) => toExportRow(row, directories));
      // Emptied in place (the query result holds the same array): while the batch is serialized
      // only its export rows are alive, not the raw rows they were made from as well.
      raw.length = 0;
      if (rows.length) yield rows;
    }
  } finally {
    // A fetch still in flight must settle before CLOSE (the client runs queries in order).
    await pending?.catch(() => {});
    await client.query(`CLOSE ${cursor}`).catch(() => {
      // The transaction already failed or ended; the cursor went with it.
    });
  }
}

/** The same rows one at a time, for callers that handle rows singly. */
export async function* readExportRows(
  client: ExportQueryClient,
  projectId: string,
  filters: ExportFilters,
  options: { batchSize?: number } = {},
): AsyncGenerator<ExportRow, void, undefined> {
  for await (const batch of readExportRowBatches(client, projectId, filters, options)) {
    yield* batch;
  }
}

/** How many rows `readExportRows` yields for the same filters in the same snapshot. */
export async function countExportRows(
  client: ExportQueryClient,
  projectId: string,
  filters: ExportFilters,
): Promise<number> {
  const statement = exportCountStatement(projectId, filters);
  const result = await client.query<{ count: number }>(statement.text, statement.values);
  return result.rows[0]?.count ?? 0;
}
