// Wording shared by the exports page: statuses, sizes and filters as people read them.
import type { ExportFilters } from '@captionary/shared';

export const EXPORT_STATUS_LABELS = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  SUCCEEDED: 'Ready',
  FAILED: 'Failed',
} as const;

export function isActiveExportStatus(status: keyof typeof EXPORT_STATUS_LABELS): boolean {
  return status === 'QUEUED' || status === 'RUNNING';
}

/** "12.4 MB", "830 kB", "512 B". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  do {
    value /= 1000;
    unit++;
  } while (value >= 1000 && unit < units.length - 1);
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** One line naming the filters that narrowed an export ("approved · step review · since 1 Jan"). */
export function describeFilters(filters: Partial<ExportFilters>): string {
  const parts = [(filters.status ?? ['APPROVED']).map((s) => s.toLowerCase()).join(', ')];
  if (filters.step) parts.push(`step ${filters.step}`);
  if (filters.since) parts.push(`since ${new Date(filters.since).toLocaleDateString()}`);
  if (filters.until) parts.push(`before ${new Date(filters.until).toLocaleDateString()}`);
  if (filters.reviewer) parts.push('one reviewer');
  if (filters.job) parts.push('one job');
  if (filters.model) parts.push('one model version');
  return parts.join(' · ');
}
