/** 0.237 → "24%". */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Seconds as "42 s", "3 min 20 s" or "1 h 5 min". */
export function formatDuration(seconds: number): string {
  const rounded = Math.round(seconds);
  if (rounded < 60) return `${rounded} s`;
  const minutes = Math.floor(rounded / 60);
  if (minutes < 60) return rounded % 60 ? `${minutes} min ${rounded % 60} s` : `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** One decimal, trailing ".0" dropped: 2 → "2", 2.25 → "2.3". */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
