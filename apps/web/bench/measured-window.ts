// The measured part of a load run. A warm-up comes first (the server opens pools and fills
// caches on its first requests), then the window: only requests started inside it count.

/** Start and end as performance.now() milliseconds. */
export interface MeasuredWindow {
  startsAt: number;
  endsAt: number;
}

/** A window of `seconds` that opens `warmupSeconds` from now. */
export function measuredWindow(warmupSeconds: number, seconds: number): MeasuredWindow {
  const startsAt = performance.now() + warmupSeconds * 1000;
  return { startsAt, endsAt: startsAt + seconds * 1000 };
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
