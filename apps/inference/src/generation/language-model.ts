import { Tensor } from 'onnxruntime-node';
import type { Blip2ModelConfig } from '../model/model-files';
import type { ModelSessions } from '../model/open-sessions';
import { KvCache } from './kv-cache';

/** Logits of the last position of each row, [rows, vocab] row-major. */
export interface StepLogits {
  logits: Float32Array;
  vocabSize: number;
}

/**
 * The three ONNX graphs seen as the operations generation needs: encode images, embed tokens,
 * advance the decoder one step for a whole batch (one session.run per step, whatever the batch).
 */
export class OnnxLanguageModel {
  readonly hidden: number;
  readonly queryTokens: number;
  readonly layers: number;
  readonly heads: number;
  readonly headDim: number;
  readonly maxPositions: number;

  constructor(
    private readonly sessions: ModelSessions,
    config: Blip2ModelConfig,
  ) {
    this.hidden = config.text_config.hidden_size;
    this.queryTokens = config.num_query_tokens;
    this.layers = config.text_config.num_hidden_layers;
    this.heads = config.text_config.num_attention_heads;
    this.headDim = this.hidden / this.heads;
    this.maxPositions = config.text_config.max_position_embeddings;
  }

  /** pixel_values [count,3,H,W] -> image features [count, Q, D]. */
  async encodeImages(pixelValues: Float32Array, dims: readonly number[]): Promise<Float32Array> {
    const { image_features: features } = await this.sessions.visionEncoder.run({
      pixel_values: new Tensor('float32', pixelValues, dims),
    });
    if (!features) throw new Error('vision encoder returned no image_features');
    return features.data as Float32Array;
  }

  /** Token ids of equal-length rows -> embeddings [rows, length, D]. */
  async embed(ids: readonly number[], rows: number, length: number): Promise<Float32Array> {
    const { inputs_embeds: embeds } = await this.sessions.embedTokens.run({
      input_ids: new Tensor(
        'int64',
        BigInt64Array.from(ids, (id) => BigInt(id)),
        [rows, length],
      ),
    });
    if (!embeds) throw new Error('embed_tokens returned no inputs_embeds');
    return embeds.data as Float32Array;
  }

  /**
   * Runs the decoder on `length` new positions per row after the cached ones. Rows are never
   * padded (each call's rows share one prompt), so the attention mask is all ones.
   */
  async step(
    embeds: Float32Array,
    rows: number,
    length: number,
    past: KvCache,
  ): Promise<StepLogits & { cache: KvCache }> {
    const total = past.length + length;
    const feeds: Record<string, Tensor> = {
      inputs_embeds: new Tensor('float32', embeds, [rows, length, this.hidden]),
      attention_mask: new Tensor('int64', new BigInt64Array(rows * total).fill(1n), [rows, total]),
    };
    for (const [name, tensor] of past.tensors) feeds[name] = tensor;
    const outputs = await this.sessions.decoder.run(feeds);
    const logitsTensor = outputs.logits;
    if (!logitsTensor) throw new Error('decoder returned no logits');
    const vocabSize = logitsTensor.dims[2] ?? 0;
    const all = logitsTensor.data as Float32Array;
    let logits = all;
    if (length > 1) {
      // Only the last position of each row predicts the next token.
      logits = new Float32Array(rows * vocabSize);
      for (let row = 0; row < rows; row++) {
        const start = (row * length + length - 1) * vocabSize;
        logits.set(all.subarray(start, start + vocabSize), row * vocabSize);
      }
    }
    return { logits, vocabSize, cache: KvCache.fromPresent(outputs, this.layers) };
  }

  emptyCache(rows: number): KvCache {
    return KvCache.empty(this.layers, rows, this.heads, this.headDim);
  }
}
