// Records an export names by id (people, model versions): a handful appear on millions of rows,
// so each is loaded once, when its id first appears, instead of being joined into every row.
import type { ExportQueryClient } from './export-query';

export class RecordDirectory<Record extends { id: string }> {
  private readonly records = new Map<string, Record | null>();

  /** @param selectByIds SQL that reads the records whose ids are in the uuid array `$1`. */
  constructor(private readonly selectByIds: string) {}

  /** Loads the ids not seen yet (in one query); ids that match nothing resolve to null. */
  async load(client: ExportQueryClient, ids: Iterable<string | null>): Promise<void> {
    const missing = new Set<string>();
    for (const id of ids) if (id !== null && !this.records.has(id)) missing.add(id);
    if (missing.size === 0) return;
    const found = await client.query<Record>(this.selectByIds, [[...missing]]);
    for (const id of missing) this.records.set(id, null);
    for (const record of found.rows) this.records.set(record.id, record);
  }

  get(id: string | null): Record | null {
    return id === null ? null : (this.records.get(id) ?? null);
  }
}
