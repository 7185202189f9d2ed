/** Sizes of the tiny model: big enough to exercise every part of the contract, small enough to test fast. */
export const TINY_ARCHITECTURE = {
  seed: 20240601,
  imageSize: 224,
  patchSize: 16,
  vision: { hidden: 48, heads: 2, layers: 1, mlp: 96 },
  /** BLIP-2 uses 32 query tokens; 8 keep the tiny decoder's context short. */
  queryTokens: 8,
  qformer: { hidden: 48, heads: 2, mlp: 96 },
  text: {
    hidden: 64,
    heads: 4,
    layers: 2,
    ffn: 128,
    maxPositionEmbeddings: 1024,
    /** OPT's learned positions are offset by 2 (its embedding table has two extra rows). */
    positionOffset: 2,
  },
} as const;
