// A benchmark figure as images per second together with how busy the machine's cores were while
// it was measured, so that figures measured apart can be combined into a ceiling.
import { cpus } from 'node:os';

export interface Throughput {
  imagesPerSecond: number;
  /** Share of all cores' time that was busy during the measurement, in any process (PostgreSQL and Redis too). */
  busyShare: number;
}

function coreTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const used = times.user + times.nice + times.sys + times.irq;
    busy += used;
    total += used + times.idle;
  }
  return { busy, total };
}

/** Runs `work`, which handles `images` images, and measures its throughput. */
export async function measureThroughput(
  images: number,
  work: () => Promise<unknown>,
): Promise<Throughput> {
  const before = coreTimes();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const after = coreTimes();
  const busyShare = (after.busy - before.busy) / Math.max(1, after.total - before.total);
  return { imagesPerSecond: images / seconds, busyShare };
}

/**
 * The most images/s a pipeline can reach when it does the work of each part, measured apart, on the
 * same cores: a part at r images/s keeping a share u of the cores busy costs u/r of the machine's
 * time per image, and the whole needs at least the sum (more where the parts slow each other down).
 */
export function ceilingOfParts(...parts: Throughput[]): number {
  return 1 / parts.reduce((sum, part) => sum + part.busyShare / part.imagesPerSecond, 0);
}

export const percentBusy = ({ busyShare }: Throughput) =>
  `${Math.round(busyShare * 100)}% of the cores busy`;
