// Reads the rows of an export through a server-side cursor, a batch at a time, so that memory
// stays flat however large the project is. Sync-back reads the same rows through this module.
import type { ExportFilters } from '@captionary/shared';
import type pg from 'pg';
import {
  ALL_EXPORT_PARTS,
  exportCountStatement,
  exportRowsStatement,
  type ExportParts,
} from './export-sql';

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

/** A result row of the export statement; absent columns belong to parts the export left out. */
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
  /** Seconds since 1970, UTC. */
  createdAt: number;
  updatedAt: number;
  approvedAt: number | null;
  authorId: string | null;
  stepId?: string | null;
  predictionId?: string | null;
  prelabelCaption?: string | null;
  prelabelScore?: number | null;
  prelabelJobId?: string | null;
  modelVersionId?: string | null;
  /** One decision per result row; null on the single row of a label without any. */
  reviewAction?: ExportReview['action'] | null;
  reviewerId?: string | null;
  reviewStepId?: string | null;
  reviewComment?: string | null;
  reviewedAt?: number | null;
}

type Person = { id: string; email: string; name: string };
type ModelVersion = ExportPrelabel['modelVersion'];

// The last timestamp formatted: a label's update, approval and approving decision usually
// share one, and formatting is a good part of a row's cost.
let lastSeconds = NaN;
let lastIso = '';

/** UTC ISO 8601 text of a timestamp read as seconds since 1970. */
function isoTime(seconds: number): string {
  if (seconds !== lastSeconds) {
    lastIso = new Date(Math.round(seconds * 1000)).toISOString();
    lastSeconds = seconds;
  }
  return lastIso;
}

/**
 * Rows of a small table that an export names by id, loaded as new ids appear (a few per export,
 * however many rows). A row deleted meanwhile resolves to null, like a deleted author.
 */
class Directory<Entry extends { id: string }> {
  private readonly entries = new Map<string, Entry | null>();

  constructor(private readonly sql: string) {}

  async load(client: ExportQueryClient, ids: Iterable<string | null | undefined>): Promise<void> {
    const missing = new Set<string>();
    for (const id of ids) if (id != null && !this.entries.has(id)) missing.add(id);
    if (missing.size === 0) return;
    const found = await client.query<Entry>(this.sql, [[...missing]]);
    for (const id of missing) this.entries.set(id, null);
    for (const entry of found.rows) this.entries.set(entry.id, entry);
  }

  get(id: string | null | undefined): Entry | null {
    return id == null ? null : (this.entries.get(id) ?? null);
  }
}

function* idsOf(rows: RawExportRow[]): Generator<string | null | undefined> {
  for (const row of rows) {
    yield row.authorId;
    yield row.reviewerId;
  }
}

function* modelVersionIdsOf(rows: RawExportRow[]): Generator<string | null | undefined> {
  for (const row of rows) yield row.modelVersionId;
}

interface Directories {
  people: Directory<Person>;
  modelVersions: Directory<ModelVersion>;
}

function toExportRow(raw: RawExportRow, { people, modelVersions }: Directories): ExportRow {
  const modelVersion = modelVersions.get(raw.modelVersionId);
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
    stepId: raw.stepId ?? null,
    author: people.get(raw.authorId),
    createdAt: isoTime(raw.createdAt),
    updatedAt: isoTime(raw.updatedAt),
    approvedAt: raw.approvedAt === null ? null : isoTime(raw.approvedAt),
    reviews: [],
    approval: null,
    prelabel:
      raw.predictionId == null || modelVersion === null
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

/** Adds the decision a result row carries (if any) to its label's export row. */
function addReview(row: ExportRow, raw: RawExportRow, { people }: Directories): void {
  if (raw.reviewAction == null) return;
  const review: ExportReview = {
    action: raw.reviewAction,
    reviewer: people.get(raw.reviewerId),
    stepId: raw.reviewStepId ?? null,
    comment: raw.reviewComment ?? null,
    at: isoTime(raw.reviewedAt!),
  };
  row.reviews.push(review);
  // Decisions come oldest first: the latest approval is the last one seen.
  if (review.action === 'APPROVE') row.approval = review;
}

/**
 * Rows fetched per round trip: the next batch is read ahead, so round trips cost little, while a
 * small batch's rows die young (in the scavenger) instead of piling up in the old generation.
 */
export const DEFAULT_EXPORT_BATCH_SIZE = 500;

export interface ExportReadOptions {
  batchSize?: number;
  /** What to read beyond the data row and label; parts left out stay empty (null, no reviews). */
  parts?: ExportParts;
}

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
  { batchSize = DEFAULT_EXPORT_BATCH_SIZE, parts = ALL_EXPORT_PARTS }: ExportReadOptions = {},
): AsyncGenerator<ExportRow[], void, undefined> {
  const statement = exportRowsStatement(projectId, filters, parts);
  const cursor = `export_rows_${++cursorSequence}`;
  const directories: Directories = {
    people: new Directory('SELECT id, email, name FROM "User" WHERE id = ANY($1::uuid[])'),
    modelVersions: new Directory(
      'SELECT id, name, checksum FROM "ModelVersion" WHERE id = ANY($1::uuid[])',
    ),
  };
  const fetchBatch = () => client.query<RawExportRow>(`FETCH ${batchSize} FROM ${cursor}`);
  await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${statement.text}`, statement.values);
  let pending: Promise<pg.QueryResult<RawExportRow>> | null = fetchBatch();
  // The batch's last label: its decisions may go on in the next batch.
  let open: ExportRow | null = null;
  try {
    while (pending) {
      const raw = (await pending).rows;
      pending = null;
      await directories.people.load(client, idsOf(raw));
      await directories.modelVersions.load(client, modelVersionIdsOf(raw));
      // Read ahead: the database produces the next batch while this one is serialized.
      if (raw.length === batchSize) pending = fetchBatch();
      const rows: ExportRow[] = [];
      for (const row of raw) {
        if (open?.labelId !== row.labelId) {
          if (open) rows.push(open);
          open = toExportRow(row, directories);
        }
        addReview(open, row, directories);
      }
      // Emptied in place (the query result holds the same array): while the batch is serialized
      // only its export rows are alive, not the raw rows they were made from as well.
      raw.length = 0;
      if (!pending && open) {
        rows.push(open);
        open = null;
      }
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
  options: ExportReadOptions = {},
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
