// Polls a caption job's status every second through GET /api/v1/caption-jobs/:jobId, as a
// dashboard would, until the measured window ends; records each answer's latency and counts.
import { z } from 'zod';
import type { ErrorTally } from './error-tally';
import { pause, type MeasuredWindow } from './measured-window';

const JobAnswer = z.object({
  job: z.object({
    progress: z.object({
      status: z.string(),
      counts: z.object({ total: z.number(), done: z.number(), failed: z.number() }),
    }),
  }),
});

/** One poll's answer; `at` is when it was sent (performance.now() milliseconds). */
export interface JobSample {
  at: number;
  status: string;
  total: number;
  done: number;
  failed: number;
}

export interface JobPolling {
  /** Latencies of polls sent inside the window. */
  pollMs: number[];
  /** Every successful poll, warm-up included, in order. */
  samples: JobSample[];
}

const FINISHED = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

export async function pollJobStatus(options: {
  baseUrl: string;
  key: string;
  jobId: string;
  window: MeasuredWindow;
  errors: ErrorTally;
  intervalMs?: number;
}): Promise<JobPolling> {
  const { baseUrl, key, jobId, window, errors, intervalMs = 1000 } = options;
  const polling: JobPolling = { pollMs: [], samples: [] };
  while (performance.now() < window.endsAt) {
    const started = performance.now();
    try {
      const response = await fetch(`${baseUrl}/api/v1/caption-jobs/${jobId}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      const ms = performance.now() - started;
      if (response.status !== 200) {
        errors.add(`job status ${response.status}`, await response.text());
      } else {
        const { progress } = JobAnswer.parse(await response.json()).job;
        if (started >= window.startsAt) polling.pollMs.push(ms);
        polling.samples.push({ at: started, status: progress.status, ...progress.counts });
      }
    } catch (error) {
      errors.add('job status network', (error as Error).message);
    }
    // Every second from the start of the last poll; a slow answer is followed at once.
    await pause(Math.max(0, started + intervalMs - performance.now()));
  }
  return polling;
}

/**
 * Rows the job finished inside the window and the rate: from the first poll in the window to the
 * last one, or to the first that saw the job finished, when it finished inside the window.
 */
export function captionsInWindow(samples: JobSample[], window: MeasuredWindow) {
  const inside = samples.filter((s) => s.at >= window.startsAt && s.at <= window.endsAt);
  const first = inside[0];
  const last = inside.find((s) => FINISHED.has(s.status)) ?? inside.at(-1);
  if (!first || !last || last.at <= first.at) return { captions: 0, perSecond: 0, seconds: 0 };
  const captions = last.done - first.done;
  const seconds = (last.at - first.at) / 1000;
  return { captions, perSecond: captions / seconds, seconds };
}
