/** Why an input image was refused; stored with the failed row, so values are stable identifiers. */
export type ImageRejectionReason =
  'empty' | 'undecodable' | 'unsupported-format' | 'too-many-pixels' | 'unreadable';

/** An input that is not a safe, decodable image. Retrying cannot help, so callers fail the item. */
export class ImageRejectedError extends Error {
  override readonly name = 'ImageRejectedError';

  constructor(
    readonly reason: ImageRejectionReason,
    /** What was wrong, without the reason (a failed row shows them side by side). */
    readonly detail: string,
  ) {
    super(`image rejected (${reason}): ${detail}`);
  }
}
