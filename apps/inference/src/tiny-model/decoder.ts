import {
  attend,
  feedForward,
  layerNorm,
  linear,
  mergeHeads,
  splitHeads,
  type LayerContext,
} from './layers';
import { intAttr, OnnxGraphBuilder, type OnnxValueSpec } from './onnx-graph';
import { SeededRandom } from './seeded-random';
import { TINY_ARCHITECTURE } from './tiny-architecture';

/** A large negative additive bias; finite, so a fully masked row gives a uniform softmax, not NaN. */
const MASKED = -1e9;
const INT64_MAX = Number.MAX_SAFE_INTEGER;

/**
 * decoder_model_merged.onnx: an OPT-style pre-LayerNorm decoder with a KV cache.
 *   inputs_embeds [B,S,D], attention_mask i64 [B,P+S], past_key_values.{i}.key/.value [B,h,P,d]
 *   -> logits [B,S,V], present.{i}.key/.value [B,h,P+S,d]
 * The first step passes empty past tensors (P = 0). Positions and the causal mask are derived
 * in-graph from attention_mask exactly as OPT does (cumsum of the mask), so left padding gives a
 * row the same positions it would have alone.
 */
export interface DecoderHeadWeights {
  /** LM head [D, V]. */
  lmHead: Float32Array;
  /** Fixed per-token logit offsets [V]. */
  logitBias: Float32Array;
  /** Per-token logit increase per position [V] (non-zero for stop tokens only). */
  stopRamp: Float32Array;
}

export function buildDecoder(
  seed: number,
  vocabSize: number,
  head: DecoderHeadWeights,
): Uint8Array {
  const { lmHead: lmHeadWeights, logitBias, stopRamp: stopRampWeights } = head;
  const { hidden, heads, layers, ffn, maxPositionEmbeddings, positionOffset } =
    TINY_ARCHITECTURE.text;
  const headDim = hidden / heads;
  const graph = new OnnxGraphBuilder();
  const context: LayerContext = { graph, random: new SeededRandom(seed) };

  // --- sizes read from the inputs: P (past length), T = P + S (mask length) as scalars
  const scalarAt = (tensor: string, axis: number) =>
    graph.op('Squeeze', [
      graph.op('Gather', [graph.op('Shape', [tensor]), graph.int64s([axis])], { axis: intAttr(0) }),
      graph.int64s([0]),
    ]);
  const pastLength = scalarAt('past_key_values.0.key', 2);
  const totalLength = scalarAt('attention_mask', 1);

  // --- positions: cumsum(mask) * mask - 1, last S entries, + OPT's offset of 2
  const cumulative = graph.op('CumSum', ['attention_mask', graph.int64s([1], [])]);
  const maskedPositions = graph.op('Sub', [
    graph.op('Mul', [cumulative, 'attention_mask']),
    graph.int64s([1], []),
  ]);
  const newPositions = graph.op('Slice', [
    maskedPositions,
    graph.op('Unsqueeze', [pastLength, graph.int64s([0])]),
    graph.int64s([INT64_MAX]),
    graph.int64s([1]),
  ]);
  const positionIds = graph.op('Add', [newPositions, graph.int64s([positionOffset], [])]);
  const positionTable = graph.weight(
    'embed_positions.weight',
    [maxPositionEmbeddings + positionOffset, hidden],
    context.random.normals((maxPositionEmbeddings + positionOffset) * hidden, 0.1),
  );
  let state = graph.op('Add', ['inputs_embeds', graph.op('Gather', [positionTable, positionIds])]);

  // --- additive mask [B,1,S,T]: key j visible to query i iff j <= P + i and attention_mask[j] = 1
  const one = graph.int64s([1], []);
  const queryPositions = graph.op('Range', [pastLength, totalLength, one]);
  const keyPositions = graph.op('Range', [graph.int64s([0], []), totalLength, one]);
  const causal = graph.op('LessOrEqual', [
    graph.op('Unsqueeze', [keyPositions, graph.int64s([0])]),
    graph.op('Unsqueeze', [queryPositions, graph.int64s([1])]),
  ]);
  const notPadding = graph.op('Unsqueeze', [
    graph.op('Cast', ['attention_mask'], { to: intAttr(9 /* BOOL */) }),
    graph.int64s([1]),
  ]);
  const visible = graph.op('And', [causal, notPadding]);
  const bias = graph.op('Unsqueeze', [
    graph.op('Where', [visible, graph.float(0), graph.float(MASKED)]),
    graph.int64s([1]),
  ]);

  const pastInputs: OnnxValueSpec[] = [];
  const presentOutputs: OnnxValueSpec[] = [];
  for (let layer = 0; layer < layers; layer++) {
    const prefix = `decoder.layers.${layer}`;
    const normed = layerNorm(context, `${prefix}.self_attn_layer_norm`, state, hidden);
    const q = splitHeads(
      graph,
      linear(context, `${prefix}.self_attn.q_proj`, normed, hidden, hidden),
      heads,
      headDim,
    );
    const k = splitHeads(
      graph,
      linear(context, `${prefix}.self_attn.k_proj`, normed, hidden, hidden),
      heads,
      headDim,
    );
    const v = splitHeads(
      graph,
      linear(context, `${prefix}.self_attn.v_proj`, normed, hidden, hidden),
      heads,
      headDim,
    );
    const keys = graph.op(
      'Concat',
      [`past_key_values.${layer}.key`, k],
      { axis: intAttr(2) },
      `present.${layer}.key`,
    );
    const values = graph.op(
      'Concat',
      [`past_key_values.${layer}.value`, v],
      { axis: intAttr(2) },
      `present.${layer}.value`,
    );
    const attended = mergeHeads(graph, attend(graph, q, keys, values, headDim, bias), hidden);
    state = graph.op('Add', [
      state,
      linear(context, `${prefix}.self_attn.out_proj`, attended, hidden, hidden),
    ]);
    const normed2 = layerNorm(context, `${prefix}.final_layer_norm`, state, hidden);
    state = graph.op('Add', [state, feedForward(context, `${prefix}.mlp`, normed2, hidden, ffn)]);

    for (const kind of ['key', 'value'] as const) {
      const dims = ['batch', heads, `past_sequence_length`, headDim];
      pastInputs.push({ name: `past_key_values.${layer}.${kind}`, type: 'float32', dims });
      presentOutputs.push({
        name: `present.${layer}.${kind}`,
        type: 'float32',
        dims: ['batch', heads, 'total_sequence_length', headDim],
      });
    }
  }
  const finalNormed = layerNorm(context, 'decoder.final_layer_norm', state, hidden);

  // OPT ties the LM head to the token embedding; with random weights a tied head mostly predicts
  // the token just read, so the tiny model uses an independent head [D, V] to keep captions varied.
  const lmHead = graph.weight('lm_head.weight', [hidden, vocabSize], lmHeadWeights);
  // A fixed logit bias steers the random model towards whole-word tokens (see build-tiny-model.ts).
  const logitBiasName = graph.weight('lm_head.logit_bias', [vocabSize], logitBias);
  const biased = graph.op('Add', [graph.op('MatMul', [finalNormed, lmHead]), logitBiasName]);
  // A stop-token logit that grows with the position, so random-weight captions end after a
  // varying number of words instead of always running to max_new_tokens.
  const positionAsFloat = graph.op('Unsqueeze', [
    graph.op('Cast', [positionIds], { to: intAttr(1 /* FLOAT */) }),
    graph.int64s([2]),
  ]);
  const stopRamp = graph.weight('lm_head.stop_ramp', [vocabSize], stopRampWeights);
  graph.op('Add', [biased, graph.op('Mul', [positionAsFloat, stopRamp])], {}, 'logits');

  return graph.toModelBytes(
    'tiny_blip2_decoder',
    [
      { name: 'inputs_embeds', type: 'float32', dims: ['batch', 'sequence', hidden] },
      { name: 'attention_mask', type: 'int64', dims: ['batch', 'total_sequence_length'] },
      ...pastInputs,
    ],
    [
      { name: 'logits', type: 'float32', dims: ['batch', 'sequence', vocabSize] },
      ...presentOutputs,
    ],
  );
}
