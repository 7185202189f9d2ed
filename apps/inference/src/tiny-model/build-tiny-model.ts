import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Bytes } from '../model/checksums';
import { MANIFEST_FILE, type ModelManifest } from '../model/model-files';
import { TINY_SPECIAL_IDS } from './byte-level-vocabulary';
import { buildDecoder } from './decoder';
import { buildEmbedTokens } from './embed-tokens';
import { SeededRandom } from './seeded-random';
import { TINY_ARCHITECTURE } from './tiny-architecture';
import { buildTinyTokenizer } from './tiny-tokenizer';
import { buildVisionEncoder } from './vision-encoder';

export const TINY_MODEL_NAME = 'tiny-blip2';

/** BLIP-2's image processor settings (CLIP mean/std, 224 bicubic), in Hugging Face's field names. */
const PREPROCESSOR_CONFIG = {
  image_processor_type: 'BlipImageProcessor',
  processor_class: 'Blip2Processor',
  do_convert_rgb: true,
  do_resize: true,
  size: { height: TINY_ARCHITECTURE.imageSize, width: TINY_ARCHITECTURE.imageSize },
  resample: 3,
  do_rescale: true,
  rescale_factor: 1 / 255,
  do_normalize: true,
  image_mean: [0.48145466, 0.4578275, 0.40821073],
  image_std: [0.26862954, 0.26130258, 0.27577711],
};

/**
 * Logit offsets that keep random-weight captions readable: whole words are favoured, control and
 * non-ASCII bytes (which decode to replacement characters on their own) and the never-generated
 * specials are pushed down, as are word fragments ("Ġdo"); "\n" is never chosen, so the one
 * stop token is `</s>`, whose logit also grows with the position (see decoder.ts).
 */
function tinyLogitBias(
  vocabSize: number,
  tokenizer: ReturnType<typeof buildTinyTokenizer>,
): Float32Array {
  const bias = new Float32Array(vocabSize);
  for (const id of tokenizer.wordIds) bias[id] = WORD_BIAS;
  for (const id of tokenizer.prefixIds) bias[id] = -8;
  for (const id of tokenizer.unprintableByteIds) bias[id] = -8;
  for (const id of [0, TINY_SPECIAL_IDS.pad, TINY_SPECIAL_IDS.unk]) bias[id] = -30;
  bias[TINY_SPECIAL_IDS.eos] = EOS_BIAS;
  bias[tokenizer.newlineId] = -30;
  return bias;
}

// Tuned by eye on generated test images: captions of roughly 5–20 words that differ per image.
const WORD_BIAS = 4;
const EOS_BIAS = 2;
const STOP_RAMP = 0.35;
/** LM head std: logits spread by ~3 nats, so the model has preferences without collapsing onto one token. */
const LM_STD = 0.35;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Builds the tiny BLIP-2-contract model into `outDir` and returns its manifest. Everything is a
 * pure function of TINY_ARCHITECTURE and its seed, so two builds are byte-identical.
 */
export async function buildTinyModel(outDir: string): Promise<ModelManifest> {
  const { seed, text, queryTokens, vision, qformer, imageSize, patchSize } = TINY_ARCHITECTURE;
  const tokenizer = buildTinyTokenizer();
  const vocabSize = tokenizer.vocabSize;
  const embeddingTable = new SeededRandom(seed + 1).normals(vocabSize * text.hidden, 0.5);

  const config = {
    model_type: 'blip-2',
    architectures: ['Blip2ForConditionalGeneration'],
    num_query_tokens: queryTokens,
    vision_config: {
      hidden_size: vision.hidden,
      num_attention_heads: vision.heads,
      num_hidden_layers: vision.layers,
      intermediate_size: vision.mlp,
      image_size: imageSize,
      patch_size: patchSize,
    },
    qformer_config: {
      hidden_size: qformer.hidden,
      num_attention_heads: qformer.heads,
      intermediate_size: qformer.mlp,
    },
    text_config: {
      model_type: 'opt',
      hidden_size: text.hidden,
      num_attention_heads: text.heads,
      num_hidden_layers: text.layers,
      ffn_dim: text.ffn,
      vocab_size: vocabSize,
      max_position_embeddings: text.maxPositionEmbeddings,
      bos_token_id: TINY_SPECIAL_IDS.bos,
      eos_token_id: TINY_SPECIAL_IDS.eos,
      pad_token_id: TINY_SPECIAL_IDS.pad,
    },
  };
  const generationConfig = {
    bos_token_id: TINY_SPECIAL_IDS.bos,
    eos_token_id: [TINY_SPECIAL_IDS.eos, tokenizer.newlineId],
    pad_token_id: TINY_SPECIAL_IDS.pad,
    max_new_tokens: 30,
  };

  const files: Record<string, Uint8Array | string> = {
    'vision_encoder.onnx': buildVisionEncoder(seed + 2),
    'embed_tokens.onnx': buildEmbedTokens(embeddingTable, vocabSize),
    'decoder_model_merged.onnx': buildDecoder(seed + 3, vocabSize, {
      lmHead: new SeededRandom(seed + 4).normals(text.hidden * vocabSize, LM_STD),
      logitBias: tinyLogitBias(vocabSize, tokenizer),
      stopRamp: Float32Array.from({ length: vocabSize }, (_, id) =>
        id === TINY_SPECIAL_IDS.eos ? STOP_RAMP : 0,
      ),
    }),
    'config.json': json(config),
    'generation_config.json': json(generationConfig),
    'preprocessor_config.json': json(PREPROCESSOR_CONFIG),
    'tokenizer.json': json(tokenizer.tokenizerJson),
    'tokenizer_config.json': json(tokenizer.tokenizerConfigJson),
  };

  const manifest: ModelManifest = {
    name: TINY_MODEL_NAME,
    tiny: true,
    source: 'built by npm run model:tiny',
    files: Object.fromEntries(
      Object.entries(files).map(([name, bytes]) => [name, sha256Bytes(bytes)]),
    ),
  };

  // Write into a fresh folder so files from an older layout cannot linger next to the new ones.
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(outDir, name), bytes);
  await writeFile(join(outDir, MANIFEST_FILE), json(manifest));
  return manifest;
}
