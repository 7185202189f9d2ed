import { feedForward, layerNorm, linear, multiHeadAttention, type LayerContext } from './layers';
import { intsAttr, OnnxGraphBuilder } from './onnx-graph';
import { SeededRandom } from './seeded-random';
import { TINY_ARCHITECTURE } from './tiny-architecture';

/**
 * vision_encoder.onnx: pixel_values [B,3,224,224] -> image_features [B,Q,D].
 * A one-block ViT (conv patch embedding, learned positions, pre-LN self-attention + MLP), then a
 * minimal Q-Former (learned query tokens cross-attending to the patches, MLP) and the language
 * projection into the decoder's hidden size, the same stages as BLIP-2 at toy scale.
 */
export function buildVisionEncoder(seed: number): Uint8Array {
  const { imageSize, patchSize, vision, queryTokens, qformer, text } = TINY_ARCHITECTURE;
  const graph = new OnnxGraphBuilder();
  const context: LayerContext = { graph, random: new SeededRandom(seed) };
  const { random } = context;
  const patchesPerSide = imageSize / patchSize;
  const patchCount = patchesPerSide * patchesPerSide;
  const patchInputs = 3 * patchSize * patchSize;

  const convWeight = graph.weight(
    'patch_embedding.weight',
    [vision.hidden, 3, patchSize, patchSize],
    random.normals(vision.hidden * patchInputs, 1 / Math.sqrt(patchInputs)),
  );
  const convBias = graph.weight(
    'patch_embedding.bias',
    [vision.hidden],
    random.normals(vision.hidden, 0.02),
  );
  const patchGrid = graph.op('Conv', ['pixel_values', convWeight, convBias], {
    kernel_shape: intsAttr([patchSize, patchSize]),
    strides: intsAttr([patchSize, patchSize]),
  });
  // [B, C, 14, 14] -> [B, 196, C]
  const flat = graph.op('Reshape', [patchGrid, graph.int64s([0, vision.hidden, patchCount])]);
  const patches = graph.op('Transpose', [flat], { perm: intsAttr([0, 2, 1]) });
  const positions = graph.weight(
    'position_embedding',
    [1, patchCount, vision.hidden],
    random.normals(patchCount * vision.hidden, 0.1),
  );
  let hidden = graph.op('Add', [patches, positions]);

  for (let layer = 0; layer < vision.layers; layer++) {
    const prefix = `vision.layers.${layer}`;
    const normed = layerNorm(context, `${prefix}.layer_norm1`, hidden, vision.hidden);
    hidden = graph.op('Add', [
      hidden,
      multiHeadAttention(
        context,
        `${prefix}.self_attn`,
        normed,
        normed,
        vision.hidden,
        vision.heads,
      ),
    ]);
    const normed2 = layerNorm(context, `${prefix}.layer_norm2`, hidden, vision.hidden);
    hidden = graph.op('Add', [
      hidden,
      feedForward(context, `${prefix}.mlp`, normed2, vision.hidden, vision.mlp),
    ]);
  }
  const imageEmbeds = layerNorm(context, 'vision.post_layernorm', hidden, vision.hidden);

  // Q-Former: the learned queries are a [1, Q, C] constant; attention and the residual broadcast
  // them over the batch, so no Expand is needed.
  const queries = graph.weight(
    'query_tokens',
    [1, queryTokens, qformer.hidden],
    random.normals(queryTokens * qformer.hidden, 1),
  );
  const patchContext = linear(
    context,
    'qformer.patch_proj',
    imageEmbeds,
    vision.hidden,
    qformer.hidden,
  );
  let queryState = graph.op('Add', [
    queries,
    multiHeadAttention(
      context,
      'qformer.cross_attn',
      queries,
      patchContext,
      qformer.hidden,
      qformer.heads,
    ),
  ]);
  queryState = layerNorm(context, 'qformer.layer_norm1', queryState, qformer.hidden);
  queryState = graph.op('Add', [
    queryState,
    feedForward(context, 'qformer.mlp', queryState, qformer.hidden, qformer.mlp),
  ]);
  queryState = layerNorm(context, 'qformer.layer_norm2', queryState, qformer.hidden);
  const features = linear(context, 'language_projection', queryState, qformer.hidden, text.hidden);
  // Name the projection's output as the contract requires.
  const projected = graph.op('Identity', [features], {}, 'image_features');
  return graph.toModelBytes(
    'tiny_blip2_vision_encoder',
    [{ name: 'pixel_values', type: 'float32', dims: ['batch', 3, imageSize, imageSize] }],
    [{ name: projected, type: 'float32', dims: ['batch', queryTokens, text.hidden] }],
  );
}
