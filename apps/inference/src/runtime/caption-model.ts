import type { GenerationParams } from '@captionary/shared';
import type { ModelInfo } from '../model/model-info';
import type { ImageInput } from '../preprocess/decode-image';
import type { CaptionItemResult } from './caption-result';

/**
 * What the worker pool runs inside each thread: turn a batch of images into one result per image.
 * OnnxCaptionModel is the real BLIP-2 pipeline; NoopCaptionModel stands in for it when measuring
 * the platform's own overhead.
 */
export interface CaptionModel {
  readonly info: ModelInfo;
  /** One result per input, in input order; a bad image fails alone, the rest still get captions. */
  captionBatch(
    images: readonly ImageInput[],
    params: GenerationParams,
  ): Promise<CaptionItemResult[]>;
  close(): Promise<void>;
}
