import type { GenerationParams } from '@captionary/shared';

/** One image's outcome: a caption, or the reason the image was refused. */
export type CaptionOutcome =
  { ok: true; caption: string; score: number; ms: number } | { ok: false; error: string };

/** What the batch processor needs from the model side: caption a batch of encoded images. */
export interface BatchCaptioner {
  captionBatch(images: Buffer[], params: GenerationParams): Promise<CaptionOutcome[]>;
}
