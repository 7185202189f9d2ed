import type { GenerationParams } from '@captionary/shared';
import { CaptionTokenizer } from '../generation/caption-tokenizer';
import { generateCaptions, type SpecialTokens } from '../generation/generate-captions';
import { OnnxLanguageModel } from '../generation/language-model';
import { describeModel } from '../model/model-info';
import {
  openModelSessions,
  type ModelSessions,
  type OpenSessionsOptions,
} from '../model/open-sessions';
import { readModelFolder, type ModelFolder } from '../model/read-model-folder';
import type { ImageInput, ResizeMode } from '../preprocess/decode-image';
import {
  PixelBufferPool,
  preprocessBatch,
  type PreprocessedBatch,
} from '../preprocess/pixel-values';
import type { PreprocessorConfig } from '../preprocess/preprocessor-config';
import { refusedImage, type CaptionItemResult } from './caption-result';
import type { CaptionModel, LoadedModelInfo } from './caption-model';

export interface OnnxCaptionModelOptions extends OpenSessionsOptions {
  /** Hash the files against manifest.json while loading (default true). */
  verifyChecksums?: boolean;
  /** How images are resized to the model's input size (default 'fast'). */
  resizeMode?: ResizeMode;
}

/** Stop ids come from generation_config.json (one id or a list), falling back to the text config. */
function specialTokens(folder: ModelFolder): SpecialTokens {
  const generation = folder.generationConfig;
  const text = folder.config.text_config;
  const eos = generation.eos_token_id ?? text.eos_token_id;
  return {
    bosId: generation.bos_token_id ?? text.bos_token_id,
    eosIds: Array.isArray(eos) ? eos : [eos],
  };
}

/** The BLIP-2 pipeline on onnxruntime: sharp preprocessing, vision encoder, OPT decoder with KV cache. */
export class OnnxCaptionModel implements CaptionModel {
  private readonly buffers = new PixelBufferPool();

  private constructor(
    readonly info: LoadedModelInfo & { executionProvider: string; resizeMode: ResizeMode },
    private readonly sessions: ModelSessions,
    private readonly languageModel: OnnxLanguageModel,
    private readonly tokenizer: CaptionTokenizer,
    private readonly preprocessorConfig: PreprocessorConfig,
    private readonly special: SpecialTokens,
  ) {}

  /** Validates the folder (files, checksums, graph inputs/outputs) and opens its sessions. */
  static async load(dir: string, options: OnnxCaptionModelOptions = {}): Promise<OnnxCaptionModel> {
    const folder = await readModelFolder(dir, { verifyChecksums: options.verifyChecksums ?? true });
    const sessions = await openModelSessions(folder, options);
    return new OnnxCaptionModel(
      {
        ...describeModel(folder),
        executionProvider: sessions.executionProvider,
        resizeMode: options.resizeMode ?? 'fast',
      },
      sessions,
      new OnnxLanguageModel(sessions, folder.config),
      new CaptionTokenizer(folder.tokenizerJson, folder.tokenizerConfig),
      folder.preprocessorConfig,
      specialTokens(folder),
    );
  }

  async captionBatch(
    images: readonly ImageInput[],
    params: GenerationParams,
  ): Promise<CaptionItemResult[]> {
    const started = performance.now();
    const batch = await preprocessBatch(images, this.preprocessorConfig, {
      buffers: this.buffers,
      resizeMode: this.info.resizeMode,
    });
    return this.captionDecoded(batch, params, {
      started,
      // The encoder's run has finished with the pixels (its output is a separate buffer).
      afterEncoding: () => this.buffers.release(batch.pixelValues),
    });
  }

  /**
   * The model's part of captionBatch, for images already decoded (by preprocessBatch): vision
   * encoder, then generation. A result per input of the batch, refused ones included.
   * `afterEncoding` runs once the encoder has read the pixels, whatever happened, so their buffer
   * can serve the next batch while captions are generated; `started` is when the batch's
   * per-image time began (default: now).
   */
  async captionDecoded(
    batch: PreprocessedBatch,
    params: GenerationParams,
    {
      started = performance.now(),
      afterEncoding,
    }: { started?: number; afterEncoding?: () => void } = {},
  ): Promise<CaptionItemResult[]> {
    const inputCount = batch.accepted.length + batch.rejected.size;
    const results: CaptionItemResult[] = Array.from({ length: inputCount }, (_, index) => {
      const rejected = batch.rejected.get(index);
      return rejected
        ? refusedImage(rejected)
        : { error: 'not processed', reason: 'inference-failed' };
    });
    if (batch.accepted.length === 0) {
      afterEncoding?.();
      return results;
    }

    let features: Float32Array;
    try {
      features = await this.languageModel.encodeImages(batch.pixelValues, batch.dims);
    } finally {
      afterEncoding?.();
    }
    const captions = await generateCaptions(
      this.languageModel,
      this.tokenizer,
      features,
      batch.accepted.length,
      params,
      this.special,
    );
    const msPerImage = (performance.now() - started) / inputCount;
    batch.accepted.forEach((inputIndex, slot) => {
      const { caption, score, tokenIds } = captions[slot]!;
      results[inputIndex] = { caption, score, tokens: tokenIds.length, tokenIds, ms: msPerImage };
    });
    return results;
  }

  async close(): Promise<void> {
    await this.sessions.release();
  }
}
