// Latency figures of the HTTP benchmarks: nearest-rank percentiles over samples in milliseconds.

/** The sample at the p-th percentile of `sorted` (ascending), by nearest rank; 0 when empty. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** p50 and p99 of `samples`, in milliseconds to two decimals. */
export function latencyFigures(samples: number[]): { p50Ms: number; p99Ms: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50Ms: Number(percentile(sorted, 50).toFixed(2)),
    p99Ms: Number(percentile(sorted, 99).toFixed(2)),
  };
}
