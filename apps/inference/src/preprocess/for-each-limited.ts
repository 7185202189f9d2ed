/**
 * Runs `task(index)` for every index below `count`, with at most `limit` tasks running at once,
 * in index order of starting. Resolves when all are done; a task's rejection rejects the whole
 * (callers that must go on after a failure catch inside the task).
 */
export async function forEachLimited(
  count: number,
  limit: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
}
