import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { GenerationParams } from '@captionary/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import sharp from 'sharp';
import type { ExecutionProviderName } from '../src/model/open-sessions';
import { readModelFolder } from '../src/model/read-model-folder';
import { decodeAndResize, type ResizeMode } from '../src/preprocess/decode-image';
import { preprocessImage } from '../src/preprocess/pixel-values';
import type { PreprocessorConfig } from '../src/preprocess/preprocessor-config';
import { isCaptionFailure, type CaptionItemResult } from '../src/runtime/caption-result';
import { OnnxCaptionModel } from '../src/runtime/onnx-caption-model';

// Written by `python apps/inference/export/export_blip2.py --tiny` (see export/README.md). With
// PARITY_DIR, the fixtures that `export_blip2.py --parity` wrote next to an exported checkpoint.
const { PARITY_DIR } = z.object({ PARITY_DIR: z.string().min(1).optional() }).parse(process.env);
const FIXTURES = PARITY_DIR
  ? resolve(PARITY_DIR)
  : fileURLToPath(new URL('./fixtures/hf-tiny/', import.meta.url));
const GOLDEN = join(FIXTURES, 'golden.json');
const present = existsSync(GOLDEN);
// A real checkpoint runs where the worker would (CUDA when present), and takes its time on a CPU.
const executionProviders: ExecutionProviderName[] | undefined = PARITY_DIR ? undefined : ['cpu'];
const timeout = PARITY_DIR ? 30 * 60_000 : undefined;

const Golden = z.object({
  /** The model folder, relative to the fixtures. */
  model: z.string(),
  eosIds: z.array(z.number().int()),
  padId: z.number().int(),
  cases: z.array(
    z.object({
      image: z.string(),
      params: z.object({
        numBeams: z.number().int(),
        maxNewTokens: z.number().int(),
        minNewTokens: z.number().int().optional(),
        prompt: z.string().optional(),
      }),
      tokenIds: z.array(z.number().int()),
      pixelValuesHead: z.array(z.number()),
    }),
  ),
  /** Images of other sizes, each with the processor's 8-bit 224x224 result saved as PNG. */
  resized: z.array(z.object({ image: z.string(), processed: z.string() })),
});

if (!present) {
  console.info(
    `parity test skipped: ${GOLDEN} does not exist. Run \`python apps/inference/export/export_blip2.py --tiny\` ` +
      'where torch and transformers are installed to create the Hugging Face golden outputs.',
  );
}

describe.skipIf(!present)('parity with Hugging Face generate on an exported tiny BLIP-2', () => {
  const golden = present
    ? Golden.parse(JSON.parse(readFileSync(GOLDEN, 'utf8')))
    : { model: '', eosIds: [], padId: 1, cases: [], resized: [] };
  const modelDir = join(FIXTURES, golden.model);
  let model: OnnxCaptionModel;
  let config: PreprocessorConfig;
  beforeAll(async () => {
    ({ preprocessorConfig: config } = await readModelFolder(modelDir, { verifyChecksums: false }));
    // Some cases resize their image; the exact resize mode makes those pixels Hugging Face's to
    // the byte, so any token difference is the model's or the search's.
    model = await OnnxCaptionModel.load(modelDir, {
      ...(executionProviders && { executionProviders }),
      resizeMode: 'exact',
    });
  }, timeout);
  afterAll(async () => model?.close());

  it('preprocesses the fixture images as the Hugging Face image processor does', async () => {
    for (const testCase of golden.cases) {
      const planes = await preprocessImage(join(FIXTURES, testCase.image), config, 'exact');
      const plane = config.size.height * config.size.width;
      const head = [0, 1, 2].flatMap((channel) => [
        ...planes.subarray(channel * plane, channel * plane + 4),
      ]);
      head.forEach((value, i) => expect(value).toBeCloseTo(testCase.pixelValuesHead[i]!, 5));
    }
  });

  const resizeAsTheModelInput = (image: string, mode: ResizeMode) =>
    decodeAndResize(join(FIXTURES, image), config.size.width, config.size.height, mode);

  const processedPixels = async (path: string) =>
    (await sharp(join(FIXTURES, path)).raw().toBuffer({ resolveWithObject: true })).data;

  it.each(golden.resized.map((entry) => [entry.image, entry] as const))(
    'the exact resize mode decodes and resizes %s byte for byte as the processor does',
    async (_image, entry) => {
      const { rgb } = await resizeAsTheModelInput(entry.image, 'exact');
      expect(rgb.equals(await processedPixels(entry.processed))).toBe(true);
    },
  );

  // The fast mode shrinks with libvips, whose cubic is not Pillow's arithmetic; this bounds how far
  // apart it lands, so a wrong kernel or a half-pixel shift (several levels) fails.
  it.each(golden.resized.map((entry) => [entry.image, entry] as const))(
    'the fast resize mode stays within a fraction of a level of the processor on %s',
    async (_image, entry) => {
      const { rgb } = await resizeAsTheModelInput(entry.image, 'fast');
      const reference = await processedPixels(entry.processed);
      let total = 0;
      for (let i = 0; i < rgb.length; i++) total += Math.abs(rgb[i]! - reference[i]!);
      expect(total / rgb.length).toBeLessThan(0.5);
    },
  );

  /** Hugging Face pads finished sequences; the pipeline stops at the stop token. */
  const expectedTokens = (tokenIds: readonly number[]): number[] => {
    const expected = [...tokenIds];
    while (
      expected.length > 0 &&
      expected.at(-1) === golden.padId &&
      !golden.eosIds.includes(golden.padId)
    )
      expected.pop();
    return expected;
  };

  const tokensOf = (result: CaptionItemResult | undefined) => {
    if (!result || isCaptionFailure(result))
      throw new Error(`captioning failed: ${JSON.stringify(result)}`);
    return result.tokenIds;
  };

  it.each(golden.cases.map((testCase, index) => [index, testCase] as const))(
    'case %i matches token for token',
    async (_index, testCase) => {
      const [result] = await model.captionBatch(
        [join(FIXTURES, testCase.image)],
        GenerationParams.parse(testCase.params),
      );
      expect(tokensOf(result)).toEqual(expectedTokens(testCase.tokenIds));
    },
    timeout,
  );

  // The golden ids come from one image per generate call; captioning every image of a setting in
  // one batch must give each row the same ids (rows stop at different steps, beams included).
  const settings = [...new Set(golden.cases.map((testCase) => JSON.stringify(testCase.params)))];
  it.each(settings)(
    'all images in one batch match their golden ids: %s',
    async (setting) => {
      const cases = golden.cases.filter((testCase) => JSON.stringify(testCase.params) === setting);
      const results = await model.captionBatch(
        cases.map((testCase) => join(FIXTURES, testCase.image)),
        GenerationParams.parse(JSON.parse(setting)),
      );
      expect(results.map(tokensOf)).toEqual(
        cases.map((testCase) => expectedTokens(testCase.tokenIds)),
      );
    },
    timeout,
  );
});
