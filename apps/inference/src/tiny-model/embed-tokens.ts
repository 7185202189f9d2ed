import { OnnxGraphBuilder } from './onnx-graph';
import { TINY_ARCHITECTURE } from './tiny-architecture';

/** embed_tokens.onnx: input_ids i64 [B,S] -> inputs_embeds f32 [B,S,D], a single Gather. */
export function buildEmbedTokens(embeddingTable: Float32Array, vocabSize: number): Uint8Array {
  const { hidden } = TINY_ARCHITECTURE.text;
  const graph = new OnnxGraphBuilder();
  const table = graph.weight('embed_tokens.weight', [vocabSize, hidden], embeddingTable);
  graph.op('Gather', [table, 'input_ids'], {}, 'inputs_embeds');
  return graph.toModelBytes(
    'tiny_blip2_embed_tokens',
    [{ name: 'input_ids', type: 'int64', dims: ['batch', 'sequence'] }],
    [{ name: 'inputs_embeds', type: 'float32', dims: ['batch', 'sequence', hidden] }],
  );
}
