/**
 * Figure (c) of `npm run bench:inference`: the whole platform path (queue -> image load ->
 * preprocess -> model -> Postgres write -> progress) with NoopCaptionModel in the pool
 * (`CaptionPool.start({ model: { kind: 'noop', preprocessorConfig } })`), which measures the
 * platform's own overhead. It needs the queue worker and database, which live outside the model
 * code; until that path exists this slot reports null and the benchmark prints it as not measured.
 */
export async function measurePlatformPathImagesPerSecond(
  _imageFiles: readonly string[],
): Promise<number | null> {
  return null;
}
