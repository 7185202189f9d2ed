import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { GenerationParams } from '@captionary/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readModelFolder } from '../src/model/read-model-folder';
import { preprocessImage } from '../src/preprocess/pixel-values';
import { isCaptionFailure } from '../src/runtime/caption-result';
import { OnnxCaptionModel } from '../src/runtime/onnx-caption-model';

// Written by `python apps/inference/export/export_blip2.py --tiny` (see export/README.md).
const FIXTURES = fileURLToPath(new URL('./fixtures/hf-tiny/', import.meta.url));
const GOLDEN = join(FIXTURES, 'golden.json');
const present = existsSync(GOLDEN);

const Golden = z.object({
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
    : { eosIds: [], padId: 1, cases: [] };
  let model: OnnxCaptionModel;
  beforeAll(async () => {
    model = await OnnxCaptionModel.load(join(FIXTURES, 'model'), { executionProviders: ['cpu'] });
  });
  afterAll(async () => model?.close());

  it('preprocesses the fixture images as the Hugging Face image processor does', async () => {
    const { preprocessorConfig: config } = await readModelFolder(join(FIXTURES, 'model'));
    for (const testCase of golden.cases) {
      const planes = await preprocessImage(join(FIXTURES, testCase.image), config);
      const plane = 224 * 224;
      const head = [0, 1, 2].flatMap((channel) => [
        ...planes.subarray(channel * plane, channel * plane + 4),
      ]);
      head.forEach((value, i) => expect(value).toBeCloseTo(testCase.pixelValuesHead[i]!, 5));
    }
  });

  it.each(golden.cases.map((testCase, index) => [index, testCase] as const))(
    'case %i matches token for token',
    async (_index, testCase) => {
      const [result] = await model.captionBatch(
        [join(FIXTURES, testCase.image)],
        GenerationParams.parse(testCase.params),
      );
      if (!result || isCaptionFailure(result))
        throw new Error(`captioning failed: ${JSON.stringify(result)}`);
      // Hugging Face pads finished sequences; the pipeline stops at the stop token.
      const expected = [...testCase.tokenIds];
      while (
        expected.length > 0 &&
        expected.at(-1) === golden.padId &&
        !golden.eosIds.includes(golden.padId)
      )
        expected.pop();
      expect(result.tokenIds).toEqual(expected);
    },
  );
});
