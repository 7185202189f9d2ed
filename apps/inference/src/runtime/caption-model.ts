import type { GenerationParams } from '@captionary/shared';
import type { ModelInfo } from '../model/model-info';
import type { ImageInput, ResizeMode } from '../preprocess/decode-image';
import type { CaptionItemResult } from './caption-result';

/** A loaded model as it reports itself: which model, and how it runs (for logs and provenance). */
export interface LoadedModelInfo extends ModelInfo {
  executionProvider?: string;
  /** How images are resized for it; absent when it does not look at pixels (the no-op model). */
  resizeMode?: ResizeMode;
}

/**
 * What the worker pool runs inside each thread: turn a batch of images into one result per image.
 * OnnxCaptionModel is the real BLIP-2 pipeline; NoopCaptionModel stands in for it when measuring
 * the platform's own overhead.
 */
export interface CaptionModel {
  readonly info: LoadedModelInfo;
  /** One result per input, in input order; a bad image fails alone, the rest still get captions. */
  captionBatch(
    images: readonly ImageInput[],
    params: GenerationParams,
  ): Promise<CaptionItemResult[]>;
  close(): Promise<void>;
}
