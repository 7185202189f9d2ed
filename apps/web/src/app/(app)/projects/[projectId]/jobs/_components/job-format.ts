// Wording shared by the job pages: statuses, rates and durations as people read them.
import type { CaptionJobStatus } from '@captionary/db';

export const JOB_STATUS_LABELS: Record<CaptionJobStatus, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  CANCELLING: 'Cancelling',
  CANCELLED: 'Cancelled',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
};

/** True while workers may still change the job (the page keeps polling). */
export function isActiveJobStatus(status: CaptionJobStatus | undefined): boolean {
  return status === 'QUEUED' || status === 'RUNNING' || status === 'CANCELLING';
}

/** A rate's number as people read it ("42", "2.3"); its unit is shown beside it. */
export function formatRate(rate: number): string {
  return rate >= 10 ? rate.toFixed(0) : rate.toFixed(1);
}

/** "1 h 5 min", "3 min 20 s", "12 s". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${secs} s`;
  return `${secs} s`;
}

export function formatWhen(date: Date): string {
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
