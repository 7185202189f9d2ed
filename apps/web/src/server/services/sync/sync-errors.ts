/**
 * Why one caption file could not be written or removed (a folder in the way, a path that leaves
 * the folder root). The run records it with the file and goes on with the others.
 */
export class SyncItemError extends Error {
  override readonly name = 'SyncItemError';
}

/**
 * Why a whole sync could not run (a connection kind without a writable source, the folder gone,
 * an endpoint refused). The run is marked failed with this message.
 */
export class SyncTargetError extends Error {
  override readonly name = 'SyncTargetError';
}

/** One file a run could not handle, with the reason shown to people. */
export interface SyncFailure {
  file: string;
  error: string;
}

/** The message to record for a failed file; unexpected errors are logged and stay generic. */
export function syncFailureMessage(error: unknown, file: string): string {
  if (error instanceof SyncItemError) return error.message;
  console.error(`sync of ${file} failed unexpectedly`, error);
  return 'Internal error while writing this file';
}
