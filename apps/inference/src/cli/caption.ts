// `npm run caption -- [--model DIR] [--beams N] [--max-new-tokens N] [--min-new-tokens N] [--prompt TEXT]
//   [--resize fast|exact] IMAGE...`
// Prints one JSON object per image: {file, caption, score, ms} or {file, error}. Exits non-zero
// only for usage or model errors; a bad image is reported on its own line and the rest go on.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GenerationParams } from '@captionary/shared';
import { z } from 'zod';
import { DEFAULT_MODEL_DIR } from '../model/paths';
import { RESIZE_MODES } from '../preprocess/decode-image';
import { describeFailure, isCaptionFailure } from '../runtime/caption-result';
import { OnnxCaptionModel } from '../runtime/onnx-caption-model';
import { buildTinyModel } from '../tiny-model/build-tiny-model';

const USAGE =
  'usage: npm run caption -- [--model DIR] [--beams N] [--max-new-tokens N] [--min-new-tokens N] ' +
  '[--prompt TEXT] [--resize fast|exact] IMAGE...';
/** Images per model call: large enough to batch decoder steps, small enough to print progressively. */
const BATCH_SIZE = 16;

const Env = z.object({
  MODEL_DIR: z.string().min(1).optional(),
  // npm runs workspace scripts inside the workspace; INIT_CWD is where the user typed the command.
  INIT_CWD: z.string().min(1).optional(),
});

function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseCommandLine() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        model: { type: 'string' },
        beams: { type: 'string' },
        'max-new-tokens': { type: 'string' },
        'min-new-tokens': { type: 'string' },
        prompt: { type: 'string' },
        resize: { type: 'string', default: 'fast' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length === 0) usageError('no images given');
  const asNumber = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const params = GenerationParams.safeParse({
    numBeams: asNumber(values.beams),
    maxNewTokens: asNumber(values['max-new-tokens']),
    minNewTokens: asNumber(values['min-new-tokens']),
    prompt: values.prompt,
  });
  if (!params.success) usageError(z.prettifyError(params.error));
  const resizeMode = z.enum(RESIZE_MODES).safeParse(values.resize);
  if (!resizeMode.success) usageError(`--resize: ${z.prettifyError(resizeMode.error)}`);
  return {
    modelOption: values.model,
    files: positionals,
    params: params.data,
    resizeMode: resizeMode.data,
  };
}

async function main(): Promise<void> {
  const { modelOption, files, params, resizeMode } = parseCommandLine();
  const env = Env.parse(process.env);
  const userCwd = env.INIT_CWD ?? process.cwd();
  const modelDir = resolve(userCwd, modelOption ?? env.MODEL_DIR ?? DEFAULT_MODEL_DIR);
  if (modelDir === DEFAULT_MODEL_DIR && !existsSync(modelDir)) {
    console.error(`building the tiny model into ${modelDir} (first run)`);
    await buildTinyModel(modelDir);
  }

  let model: OnnxCaptionModel;
  try {
    model = await OnnxCaptionModel.load(modelDir, {
      log: (line) => console.error(line),
      resizeMode,
    });
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  if (model.info.tiny)
    console.error(
      `note: ${model.info.name} is the random-weight tiny model; its captions are nonsense`,
    );

  for (let start = 0; start < files.length; start += BATCH_SIZE) {
    const batch = files.slice(start, start + BATCH_SIZE);
    const results = await model.captionBatch(
      batch.map((file) => resolve(userCwd, file)),
      params,
    );
    results.forEach((result, index) => {
      const file = batch[index]!;
      const line = isCaptionFailure(result)
        ? { file, error: describeFailure(result) }
        : {
            file,
            caption: result.caption,
            score: result.score,
            ms: Math.round(result.ms * 10) / 10,
          };
      console.log(JSON.stringify(line));
    });
  }
  await model.close();
}

await main();
