// Latency figures of the HTTP benchmarks: nearest-rank percentiles over samples in milliseconds.

/** The sample at the p-th percentile of `sorted` (ascending), by nearest rank; 0 when empty. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** p50, p90, p95 and p99 of `samples`, in milliseconds to two decimals. */
export function latencyFigures(samples: number[]): {
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Number(percentile(sorted, p).toFixed(2));
  return { p50Ms: at(50), p90Ms: at(90), p95Ms: at(95), p99Ms: at(99) };
}
