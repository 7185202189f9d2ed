// Reads the rows of an export a stripe of external ids at a time, so that memory stays flat however
// large the project is, over one or more connections that share one snapshot.
import type { ExportFilters } from '@captionary/shared';
import type pg from 'pg';
import {
  exportCountStatement,
  exportRowsStatement,
  exportStripeStartsStatement,
} from './export-sql';
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

/** The connections of one export snapshot (see openExportSnapshot), read in turn. */
export type ExportReaders = readonly ExportQueryClient[];

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
 * ISO 8601 (UTC) of a timestamp(3) column's text under DateStyle ISO (which the export snapshot
 * sets): "2026-11-05 08:22:45.43"
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
 * Rows read per query (a stripe of external ids): large enough that a query's planning and round
 * trip cost little per row, small enough that a stripe's rows die young (in the scavenger)
 * instead of piling up in the old generation.
 */
export const DEFAULT_EXPORT_BATCH_SIZE = 500;

/**
 * The export's rows in export order, a batch at a time. The project's external ids are cut into
 * stripes of `batchSize` rows, each read by one query; with several connections (`readers`) the
 * stripes go to them in turn, so that several database processes produce rows while this one
 * serializes them, and each connection always has its next stripe queued. Every reader must be
 * inside a transaction that sees the same snapshot: open them with `openExportSnapshot`.
 * Stopping the iteration early lets the queries in flight finish and reads no further.
 */
export async function* readExportRowBatches(
  readers: ExportReaders,
  projectId: string,
  filters: ExportFilters,
  { batchSize = DEFAULT_EXPORT_BATCH_SIZE }: { batchSize?: number } = {},
): AsyncGenerator<ExportRow[], void, undefined> {
  const [first] = readers;
  if (!first) throw new Error('an export needs at least one database connection');
  const directories = exportDirectories();
  const startsStatement = exportStripeStartsStatement(projectId, batchSize);
  const starts = await first.query<{ externalId: string }>(
    startsStatement.text,
    startsStatement.values,
  );
  const stripes = starts.rows.map(({ externalId }, i) => ({
    from: externalId,
    to: starts.rows[i + 1]?.externalId,
  }));
  const readStripe = (index: number) => {
    const statement = exportRowsStatement(projectId, filters, stripes[index]);
    const read = readers[index % readers.length]!.query<RawExportRow>(
      statement.text,
      statement.values,
    );
    // Awaited in turn below; until then a failure must not count as an unhandled rejection.
    read.catch(() => {});
    return read;
  };
  // One stripe queued per connection, and at least two, so that the next is being read while
  // this one is serialized.
  const depth = Math.max(2, readers.length);
  const inFlight: Promise<pg.QueryResult<RawExportRow>>[] = [];
  let next = 0;
  const readAhead = () => {
    while (next < stripes.length && inFlight.length < depth) inFlight.push(readStripe(next++));
  };
  readAhead();
  try {
    while (inFlight.length) {
      const raw = (await inFlight.shift()!).rows;
      readAhead();
      await loadDirectories(first, directories, raw);
      const rows = raw.map((row) => toExportRow(row, directories));
      // Emptied in place (the query result holds the same array): while the batch is serialized
      // only its export rows are alive, not the raw rows they were made from as well.
      raw.length = 0;
      if (rows.length) yield rows;
    }
  } finally {
    // Reads still in flight settle before the caller ends the transactions.
    await Promise.allSettled(inFlight);
  }
}

/** The same rows one at a time, for callers that handle rows singly. */
export async function* readExportRows(
  readers: ExportReaders,
  projectId: string,
  filters: ExportFilters,
  options: { batchSize?: number } = {},
): AsyncGenerator<ExportRow, void, undefined> {
  for await (const batch of readExportRowBatches(readers, projectId, filters, options)) {
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
