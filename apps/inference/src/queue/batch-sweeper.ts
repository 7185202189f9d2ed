// Runs the caption-batch sweep (see sweepCaptionBatches) when the worker starts and then on an
// interval, so work Redis lost or a batch the queue gave up on is repaired without anyone acting.
import { createCaptionQueue, sweepCaptionBatches, type Db } from '@captionary/db';

export interface BatchSweeperOptions {
  redisUrl: string;
  prefix?: string;
  intervalMs: number;
}

export function startBatchSweeper(db: Db, { redisUrl, prefix, intervalMs }: BatchSweeperOptions) {
  const queue = createCaptionQueue(redisUrl, prefix);
  // While Redis is away the producer connection reports errors here; the sweep they break is
  // logged below and the next one tries again.
  queue.on('error', () => {});
  let running: Promise<void> | null = null;
  const sweep = () => {
    if (running) return; // a slow sweep is never doubled up
    running = sweepCaptionBatches(db, queue)
      .then(({ requeued, abandoned }) => {
        if (requeued || abandoned)
          console.log(`sweep: requeued ${requeued} lost batch(es), settled ${abandoned} given up`);
      })
      .catch((error: Error) => console.error(`sweep failed: ${error.message}`))
      .finally(() => (running = null));
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      await queue.close();
    },
  };
}
