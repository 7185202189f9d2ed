import type { WorkItemView } from '@captionary/shared';

interface ErrorWithConflict {
  // The server spreads a conflict's ConflictDetails (`current`) into the tRPC error data.
  data?: { code?: string; current?: WorkItemView | null } | null;
}

/** The item as it is now, when a failed write was a version conflict (409); otherwise null. */
export function conflictFrom(error: unknown): WorkItemView | null {
  const data = (error as ErrorWithConflict | null)?.data;
  if (data?.code !== 'CONFLICT') return null;
  return data.current ?? null;
}
