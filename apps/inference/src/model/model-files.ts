import { z } from 'zod';

/** Files every model folder must hold (see the model folder contract in the design document). */
export const ONNX_FILES = {
  visionEncoder: 'vision_encoder.onnx',
  embedTokens: 'embed_tokens.onnx',
  decoder: 'decoder_model_merged.onnx',
} as const;

export const CONFIG_FILE = 'config.json';
export const GENERATION_CONFIG_FILE = 'generation_config.json';
export const PREPROCESSOR_CONFIG_FILE = 'preprocessor_config.json';
export const TOKENIZER_FILE = 'tokenizer.json';
/** Optional: Hugging Face exports carry it; tokenizer.json alone is enough to tokenize. */
export const TOKENIZER_CONFIG_FILE = 'tokenizer_config.json';
export const MANIFEST_FILE = 'manifest.json';

export const REQUIRED_FILES = [
  ...Object.values(ONNX_FILES),
  CONFIG_FILE,
  GENERATION_CONFIG_FILE,
  PREPROCESSOR_CONFIG_FILE,
  TOKENIZER_FILE,
] as const;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase sha256 hex digest');

/** manifest.json: the model's name and the sha256 of every file it consists of. */
export const ModelManifest = z.object({
  name: z.string().min(1),
  /** True for the repo's random-weight tiny model, whose captions are nonsense. */
  tiny: z.boolean().default(false),
  /** Where the weights came from (a checkpoint id, or how the folder was built). */
  source: z.string().optional(),
  files: z.record(z.string().min(1), Sha256Hex),
});
export type ModelManifest = z.input<typeof ModelManifest>;
export type ParsedModelManifest = z.output<typeof ModelManifest>;

const TokenId = z.number().int().min(0);

/** The parts of a Hugging Face Blip2Config (OPT text model) the pipeline relies on. */
export const Blip2ModelConfig = z.object({
  num_query_tokens: z.number().int().positive(),
  text_config: z.object({
    hidden_size: z.number().int().positive(),
    num_attention_heads: z.number().int().positive(),
    num_hidden_layers: z.number().int().positive(),
    vocab_size: z.number().int().positive(),
    // OPT's default; Hugging Face omits defaults when it saves a config.
    max_position_embeddings: z.number().int().positive().default(2048),
    bos_token_id: TokenId.default(2),
    eos_token_id: TokenId.default(2),
    pad_token_id: TokenId.default(1),
  }),
});
export type Blip2ModelConfig = z.output<typeof Blip2ModelConfig>;

/** generation_config.json: stop tokens may be one id or a list. */
export const GenerationConfigFile = z.object({
  bos_token_id: TokenId.optional(),
  eos_token_id: z.union([TokenId, z.array(TokenId).min(1)]).optional(),
  pad_token_id: TokenId.optional(),
  max_new_tokens: z.number().int().positive().optional(),
});
export type GenerationConfigFile = z.output<typeof GenerationConfigFile>;
