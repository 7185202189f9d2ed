import { floatAttr, intAttr, intsAttr, type OnnxGraphBuilder } from './onnx-graph';
import type { SeededRandom } from './seeded-random';

/** What every layer helper needs: the graph being built and the weight generator. */
export interface LayerContext {
  graph: OnnxGraphBuilder;
  random: SeededRandom;
}

/**
 * y = x·W + b with W [inDim, outDim]. Weights are scaled by 1/sqrt(inDim) so activations keep
 * unit scale through the stack; `gain` lets a caller make a layer deliberately sharper.
 */
export function linear(
  { graph, random }: LayerContext,
  name: string,
  input: string,
  inDim: number,
  outDim: number,
  gain = 1,
): string {
  const weight = graph.weight(
    `${name}.weight`,
    [inDim, outDim],
    random.normals(inDim * outDim, gain / Math.sqrt(inDim)),
  );
  const bias = graph.weight(`${name}.bias`, [outDim], random.normals(outDim, 0.02));
  return graph.op('Add', [graph.op('MatMul', [input, weight]), bias]);
}

/** LayerNorm over the last axis with near-identity affine parameters. */
export function layerNorm(
  { graph, random }: LayerContext,
  name: string,
  input: string,
  dim: number,
): string {
  const scale = graph.weight(`${name}.weight`, [dim], random.normals(dim, 0.05, 1));
  const bias = graph.weight(`${name}.bias`, [dim], random.normals(dim, 0.05));
  return graph.op('LayerNormalization', [input, scale, bias], {
    axis: intAttr(-1),
    epsilon: floatAttr(1e-5),
  });
}

/** [B, S, heads*headDim] -> [B, heads, S, headDim]. Reshape's 0 copies B and S from the input. */
export function splitHeads(
  graph: OnnxGraphBuilder,
  input: string,
  heads: number,
  headDim: number,
): string {
  const reshaped = graph.op('Reshape', [input, graph.int64s([0, 0, heads, headDim])]);
  return graph.op('Transpose', [reshaped], { perm: intsAttr([0, 2, 1, 3]) });
}

/** [B, heads, S, headDim] -> [B, S, heads*headDim]. */
export function mergeHeads(graph: OnnxGraphBuilder, input: string, dim: number): string {
  const transposed = graph.op('Transpose', [input], { perm: intsAttr([0, 2, 1, 3]) });
  return graph.op('Reshape', [transposed, graph.int64s([0, 0, dim])]);
}

/**
 * Scaled dot-product attention on split heads: softmax(Q·Kᵀ/sqrt(d) + bias)·V. `bias` is an
 * additive mask broadcastable to [B, heads, Sq, Sk] (0 where allowed, a large negative elsewhere).
 */
export function attend(
  graph: OnnxGraphBuilder,
  queryHeads: string,
  keyHeads: string,
  valueHeads: string,
  headDim: number,
  bias?: string,
): string {
  const keysT = graph.op('Transpose', [keyHeads], { perm: intsAttr([0, 1, 3, 2]) });
  const scores = graph.op('Mul', [
    graph.op('MatMul', [queryHeads, keysT]),
    graph.float(1 / Math.sqrt(headDim)),
  ]);
  const masked = bias ? graph.op('Add', [scores, bias]) : scores;
  const probabilities = graph.op('Softmax', [masked], { axis: intAttr(-1) });
  return graph.op('MatMul', [probabilities, valueHeads]);
}

/** Multi-head attention of `query` over `context` (self-attention when they are the same tensor). */
export function multiHeadAttention(
  context: LayerContext,
  name: string,
  query: string,
  keyValue: string,
  dim: number,
  heads: number,
): string {
  const { graph } = context;
  const headDim = dim / heads;
  const q = splitHeads(graph, linear(context, `${name}.q_proj`, query, dim, dim), heads, headDim);
  const k = splitHeads(
    graph,
    linear(context, `${name}.k_proj`, keyValue, dim, dim),
    heads,
    headDim,
  );
  const v = splitHeads(
    graph,
    linear(context, `${name}.v_proj`, keyValue, dim, dim),
    heads,
    headDim,
  );
  const attended = mergeHeads(graph, attend(graph, q, k, v, headDim), dim);
  return linear(context, `${name}.out_proj`, attended, dim, dim);
}

/** Two-layer MLP with a ReLU (Gelu only entered the default opset at 20). */
export function feedForward(
  context: LayerContext,
  name: string,
  input: string,
  dim: number,
  hidden: number,
): string {
  const up = context.graph.op('Relu', [linear(context, `${name}.fc1`, input, dim, hidden)]);
  return linear(context, `${name}.fc2`, up, hidden, dim);
}
