// Failed requests of an HTTP benchmark, counted by kind ("claim 500", "submit 409", "claim
// network"), with the first few answers kept to print.

const KEPT_SAMPLES = 5;

export class ErrorTally {
  private readonly counts = new Map<string, number>();
  /** The first failures as `kind: answer`, for the benchmark to print. */
  readonly samples: string[] = [];

  add(kind: string, detail: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    if (this.samples.length < KEPT_SAMPLES) this.samples.push(`${kind}: ${detail}`);
  }

  get total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  byKind(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}
