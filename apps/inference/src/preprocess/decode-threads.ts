import { availableParallelism } from 'node:os';

/**
 * The size of libuv's thread pool the worker process should start with (UV_THREADPOOL_SIZE): two
 * threads per core, at least Node's default of 4. sharp decodes each image on one of these threads
 * (one libvips thread an image on glibc), so the default would cap a many-core GPU host at four
 * images decoding at once. Each thread hands its image to a libvips worker and waits, so twice the
 * cores keeps them busy through the hand-offs: on 2 cores, 4 threads decoded 5-15 % more images/s
 * than 2, and 8 no more than 4. Node reads the size once, when the process starts, so the worker's
 * launchers set it (scripts/lib/platform.ts, the Dockerfile).
 */
export function recommendedDecodeThreads(): number {
  return Math.max(4, 2 * availableParallelism());
}
