import type { GenerationParams } from '@captionary/shared';
import type { ModelInfo } from '../model/model-info';
import type { ImageInput } from '../preprocess/decode-image';
import { PixelBufferPool, preprocessBatch } from '../preprocess/pixel-values';
import type { ImageRejectedError } from '../preprocess/image-rejected-error';
import type { PreprocessorConfig } from '../preprocess/preprocessor-config';
import { refusedImage, type CaptionItemResult } from './caption-result';
import type { CaptionModel } from './caption-model';

export interface NoopCaptionModelOptions {
  /** When given, images are decoded and preprocessed as for the real model (and bad ones rejected). */
  preprocessorConfig?: PreprocessorConfig;
  caption?: string;
}

export const NOOP_MODEL_INFO: ModelInfo = {
  name: 'noop',
  checksum: '0'.repeat(64),
  tiny: true,
  dir: '',
  source: 'no-op model for measuring platform overhead',
};

/**
 * A CaptionModel that does no inference: a fixed caption per image, optionally after real
 * preprocessing. It lets a benchmark measure queue, storage, preprocessing and database overhead
 * without the model's cost (benchmark figure (c)).
 */
export class NoopCaptionModel implements CaptionModel {
  readonly info = NOOP_MODEL_INFO;
  private readonly buffers = new PixelBufferPool();

  constructor(private readonly options: NoopCaptionModelOptions = {}) {}

  async captionBatch(
    images: readonly ImageInput[],
    _params: GenerationParams,
  ): Promise<CaptionItemResult[]> {
    const started = performance.now();
    const config = this.options.preprocessorConfig;
    let rejected = new Map<number, ImageRejectedError>();
    if (config) {
      const batch = await preprocessBatch(images, config, { buffers: this.buffers });
      this.buffers.release(batch.pixelValues);
      rejected = batch.rejected;
    }
    const ms = (performance.now() - started) / Math.max(images.length, 1);
    return images.map((_, index) => {
      const error = rejected.get(index);
      if (error) return refusedImage(error);
      return {
        caption: this.options.caption ?? 'no-op caption',
        score: 0,
        tokens: 0,
        tokenIds: [],
        ms,
      };
    });
  }

  async close(): Promise<void> {}
}
