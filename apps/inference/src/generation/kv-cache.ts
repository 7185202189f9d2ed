import { Tensor } from 'onnxruntime-node';

/**
 * The decoder's key/value cache for a batch of rows: one [rows, heads, length, headDim] tensor
 * per layer and kind, keyed by the decoder's input name (past_key_values.{i}.key/.value).
 */
export class KvCache {
  private constructor(
    readonly tensors: ReadonlyMap<string, Tensor>,
    readonly rows: number,
    readonly length: number,
  ) {}

  static pastName(layer: number, kind: 'key' | 'value'): string {
    return `past_key_values.${layer}.${kind}`;
  }

  static presentName(layer: number, kind: 'key' | 'value'): string {
    return `present.${layer}.${kind}`;
  }

  /** The cache before the first step: zero-length tensors, which the decoder concatenates onto. */
  static empty(layers: number, rows: number, heads: number, headDim: number): KvCache {
    const tensors = new Map<string, Tensor>();
    for (let layer = 0; layer < layers; layer++) {
      for (const kind of ['key', 'value'] as const) {
        tensors.set(
          KvCache.pastName(layer, kind),
          new Tensor('float32', new Float32Array(0), [rows, heads, 0, headDim]),
        );
      }
    }
    return new KvCache(tensors, rows, 0);
  }

  /** Wraps a decoder run's present.* outputs as the next step's past (no copy). */
  static fromPresent(outputs: Record<string, Tensor>, layers: number): KvCache {
    const tensors = new Map<string, Tensor>();
    let dims: readonly number[] = [];
    for (let layer = 0; layer < layers; layer++) {
      for (const kind of ['key', 'value'] as const) {
        const tensor = outputs[KvCache.presentName(layer, kind)];
        if (!tensor)
          throw new Error(`decoder output ${KvCache.presentName(layer, kind)} is missing`);
        tensors.set(KvCache.pastName(layer, kind), tensor);
        dims = tensor.dims;
      }
    }
    return new KvCache(tensors, dims[0] ?? 0, dims[2] ?? 0);
  }

  /**
   * A cache holding the given rows, in the given order (rows may repeat). Used to drop finished
   * rows and to reorder beams. A row's block is contiguous in [rows, heads, length, headDim], so
   * this is one copy per kept row and tensor.
   */
  select(rowIndices: readonly number[]): KvCache {
    const identity = rowIndices.length === this.rows && rowIndices.every((row, i) => row === i);
    if (identity) return this;
    const tensors = new Map<string, Tensor>();
    for (const [name, tensor] of this.tensors) {
      const source = tensor.data as Float32Array;
      const [, heads = 0, length = 0, headDim = 0] = tensor.dims;
      const rowSize = heads * length * headDim;
      const target = new Float32Array(rowIndices.length * rowSize);
      rowIndices.forEach((row, slot) =>
        target.set(source.subarray(row * rowSize, (row + 1) * rowSize), slot * rowSize),
      );
      tensors.set(name, new Tensor('float32', target, [rowIndices.length, heads, length, headDim]));
    }
    return new KvCache(tensors, rowIndices.length, this.length);
  }
}
