import { z } from 'zod';
import { wordEditDistance } from '../review/word-diff';

/** One line of a `jsonl` export: an image-caption pair for training, with where it came from. */
export const JsonlRow = z.object({
  /** Where the image lives (the source URL, path or object key). */
  image: z.string(),
  caption: z.string(),
  /** The model's pre-label the caption started from; null when people wrote it from scratch. */
  prelabel: z.string().nullable(),
  /** `name@checksum` of the model build that wrote the pre-label. */
  model: z.string().nullable(),
  /** Word edit distance from the pre-label to the caption (0: accepted as is). */
  edit_distance: z.number().int().min(0).nullable(),
});
export type JsonlRow = z.infer<typeof JsonlRow>;

/** The `edit_distance` of a jsonl line: the review flow's word edit distance. */
export function captionEditDistance(prelabel: string | null, caption: string): number | null {
  if (prelabel === null) return null;
  // Most captions are accepted as the model wrote them; word segmentation is the costly part.
  if (prelabel === caption) return 0;
  return wordEditDistance(prelabel, caption);
}
