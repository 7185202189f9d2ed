// Counts of one import run, kept in memory and written to its ImportRun row in batches (every
// FLUSH_EVERY_ITEMS items or FLUSH_EVERY_MS), so a 100k-item import does not write 100k times.
import type { Db, Prisma } from '@captionary/db';
import type { ImportFailure } from '@captionary/shared';

const FLUSH_EVERY_ITEMS = 200;
const FLUSH_EVERY_MS = 1_000;
/** Failures kept on the run row for people to read; the counts stay complete. */
export const STORED_FAILURES = 200;

export interface ImportCounts {
  totalItems: number;
  created: number;
  skipped: number;
  failed: number;
  changed: number;
  removed: number;
}

export class ImportProgress {
  readonly counts: ImportCounts = {
    totalItems: 0,
    created: 0,
    skipped: 0,
    failed: 0,
    changed: 0,
    removed: 0,
  };
  /** Every failure when `keepAllFailures` (short synchronous imports), else the first few. */
  readonly failures: ImportFailure[] = [];
  private unflushedItems = 0;
  private lastFlush = Date.now();

  constructor(
    private readonly db: Db,
    private readonly importRunId: string,
    private readonly keepAllFailures = false,
  ) {}

  add(outcome: 'created' | 'skipped' | 'changed', count = 1): void {
    this.counts[outcome] += count;
    this.unflushedItems += count;
  }

  fail(input: string, error: string): void {
    this.counts.failed += 1;
    this.unflushedItems += 1;
    if (this.keepAllFailures || this.failures.length < STORED_FAILURES) {
      this.failures.push({ input, error });
    }
  }

  async flushIfDue(): Promise<void> {
    if (this.unflushedItems >= FLUSH_EVERY_ITEMS || Date.now() - this.lastFlush >= FLUSH_EVERY_MS) {
      await this.flush();
    }
  }

  async flush(extra: Prisma.ImportRunUpdateInput = {}): Promise<void> {
    this.unflushedItems = 0;
    this.lastFlush = Date.now();
    await this.db.importRun.update({
      where: { id: this.importRunId },
      data: {
        ...this.counts,
        failures: this.failures.slice(0, STORED_FAILURES),
        ...extra,
      },
    });
  }
}
