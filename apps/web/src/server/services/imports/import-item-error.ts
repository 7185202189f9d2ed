/**
 * Why one item of an import could not be imported. Its message is shown to the person who ran the
 * import, so it says what was wrong with the item and never carries internals.
 */
export class ImportItemError extends Error {
  override readonly name = 'ImportItemError';
}

/**
 * Why a whole import could not run (source unreachable, folder outside DATA_ROOT, missing key).
 * The run is marked failed with this message.
 */
export class ImportSourceError extends Error {
  override readonly name = 'ImportSourceError';
}

/** The message to record for an item failure; unexpected errors are logged and stay generic. */
export function itemFailureMessage(error: unknown, input: string): string {
  if (error instanceof ImportItemError) return error.message;
  console.error(`import item ${input} failed unexpectedly`, error);
  return 'Internal error while importing this item';
}
