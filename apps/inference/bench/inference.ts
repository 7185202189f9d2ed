// `npm run bench:inference [-- --n 64 --batch 16 --pool 1]`: images/s of the tiny model on
// generated 640x480 JPEGs for (a) a sequential per-image loop and (b) the batched worker-pool
// pipeline (and again with RESIZE_MODE=exact), and (c) the whole platform path with a no-op model
// — and (c0) the same without image decoding, to show what decoding costs, and (d) decoding and
// resizing alone on every core, and (b0) the model alone on decoded images — and the ceilings those
// parts set to (b) and (c) on this machine. The last line is one JSON object of the figures.
import './worker-thread-pool';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GenerationParams } from '@captionary/shared';
import sharp from 'sharp';
import { DEFAULT_MODEL_DIR } from '../src/model/paths';
import { readModelFolder } from '../src/model/read-model-folder';
import { decodeAndResize, type ResizeMode } from '../src/preprocess/decode-image';
import { preprocessBatch, type PreprocessedBatch } from '../src/preprocess/pixel-values';
import type { PreprocessorConfig } from '../src/preprocess/preprocessor-config';
import { CaptionPool } from '../src/runtime/caption-pool';
import { isCaptionFailure, type CaptionItemResult } from '../src/runtime/caption-result';
import { OnnxCaptionModel } from '../src/runtime/onnx-caption-model';
import { SeededRandom } from '../src/tiny-model/seeded-random';
import { buildTinyModel } from '../src/tiny-model/build-tiny-model';
import { measurePlatformPath } from './platform-path';
import { ceilingOfParts, measureThroughput, percentBusy, type Throughput } from './throughput';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '64' },
    batch: { type: 'string', default: '16' },
    pool: { type: 'string', default: '1' },
    'platform-rows': { type: 'string', default: '4000' },
    'platform-batch': { type: 'string', default: '32' },
  },
});
const imageCount = Number(values.n);
const batchSize = Number(values.batch);
const poolSize = Number(values.pool);
const params = GenerationParams.parse({});

/** Photo-like test images: smooth random colour fields (upscaled noise) with fine grain, as JPEG. */
async function writeTestImages(dir: string, count: number): Promise<string[]> {
  const random = new SeededRandom(7);
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const coarse = Buffer.from(
      Array.from({ length: 16 * 12 * 3 }, () => Math.floor(random.uniform() * 256)),
    );
    const jpeg = await sharp(coarse, { raw: { width: 16, height: 12, channels: 3 } })
      .resize(640, 480, { kernel: 'cubic' })
      .blur(2)
      .jpeg({ quality: 85 })
      .toBuffer();
    const file = join(dir, `image-${String(i).padStart(4, '0')}.jpg`);
    await writeFile(file, jpeg);
    files.push(file);
  }
  return files;
}

function assertAllCaptioned(results: CaptionItemResult[]): void {
  const failed = results.find(isCaptionFailure);
  if (failed) throw new Error(`benchmark image failed: ${failed.error}`);
}

/** (a) The straightforward structure: load, preprocess and generate one image at a time. */
async function sequentialThroughput(files: string[]): Promise<Throughput> {
  const model = await OnnxCaptionModel.load(DEFAULT_MODEL_DIR, {
    executionProviders: ['cpu'],
    log: () => {},
  });
  assertAllCaptioned(await model.captionBatch([files[0]!], params)); // warm-up
  const throughput = await measureThroughput(files.length, async () => {
    for (const file of files) assertAllCaptioned(await model.captionBatch([file], params));
  });
  await model.close();
  return throughput;
}

/**
 * (b) The production path: batches sent to the worker pool all at once. Per batch, images decode
 * concurrently on libvips threads, and each decoder step is one session.run for every row.
 */
async function batchedThroughput(
  files: string[],
  resizeMode: ResizeMode = 'fast',
): Promise<Throughput> {
  const pool = await CaptionPool.start({
    // Threads split the cores between them so onnxruntime's thread pools do not oversubscribe.
    model: {
      kind: 'onnx',
      modelDir: DEFAULT_MODEL_DIR,
      executionProviders: ['cpu'],
      intraOpNumThreads: Math.max(1, Math.floor(cpus().length / poolSize)),
      resizeMode,
    },
    size: poolSize,
  });
  assertAllCaptioned(await pool.caption(files.slice(0, batchSize), params)); // warm-up
  const throughput = await measureThroughput(files.length, async () => {
    const batches: Array<Promise<CaptionItemResult[]>> = [];
    for (let start = 0; start < files.length; start += batchSize) {
      batches.push(pool.caption(files.slice(start, start + batchSize), params));
    }
    (await Promise.all(batches)).forEach(assertAllCaptioned);
  });
  await pool.close();
  return throughput;
}

/**
 * (d) Only the decode and resize of (b) and (c): every image of a round at once, on the decode
 * threads (UV_THREADPOOL_SIZE). Nothing that decodes each image can go faster on this machine.
 */
async function decodeOnlyThroughput(
  files: string[],
  { size: { width, height } }: PreprocessorConfig,
  rounds = 4,
): Promise<Throughput> {
  const decodeAll = () => Promise.all(files.map((file) => decodeAndResize(file, width, height)));
  await decodeAll(); // warm-up
  return measureThroughput(files.length * rounds, async () => {
    for (let round = 0; round < rounds; round++) await decodeAll();
  });
}

/**
 * (b0) Only the model's part of (b): the same batches, decoded beforehand, through the vision
 * encoder and generation on every core (onnxruntime's default threads, as pool 1 has them).
 */
async function modelOnlyThroughput(
  files: string[],
  config: PreprocessorConfig,
): Promise<Throughput> {
  const model = await OnnxCaptionModel.load(DEFAULT_MODEL_DIR, {
    executionProviders: ['cpu'],
    log: () => {},
  });
  const batches: PreprocessedBatch[] = [];
  for (let start = 0; start < files.length; start += batchSize) {
    batches.push(await preprocessBatch(files.slice(start, start + batchSize), config));
  }
  assertAllCaptioned(await model.captionDecoded(batches[0]!, params)); // warm-up
  const throughput = await measureThroughput(files.length, async () => {
    for (const batch of batches) assertAllCaptioned(await model.captionDecoded(batch, params));
  });
  await model.close();
  return throughput;
}

const round = (value: number) => Math.round(value * 10) / 10;
const images = (figure: Throughput) =>
  `${round(figure.imagesPerSecond)} images/s (${percentBusy(figure)})`;

if (!existsSync(DEFAULT_MODEL_DIR)) await buildTinyModel(DEFAULT_MODEL_DIR);
const dir = await mkdtemp(join(tmpdir(), 'captionary-bench-'));
try {
  const files = await writeTestImages(dir, imageCount);
  // Read once, without hashing the folder again, for the figures that decode outside the model.
  const { preprocessorConfig } = await readModelFolder(DEFAULT_MODEL_DIR, {
    verifyChecksums: false,
  });
  const cpu = cpus();
  console.log(
    `machine: ${cpu.length} cpus (${cpu[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${process.platform}/${process.arch}, ${process.env.UV_THREADPOOL_SIZE} decode threads (UV_THREADPOOL_SIZE)`,
  );
  console.log(
    `images: ${imageCount} generated 640x480 JPEGs; model: tiny-blip2 on cpu; greedy, max 30 new tokens`,
  );

  const sequential = await sequentialThroughput(files);
  const speedup = (figure: Throughput) =>
    round(figure.imagesPerSecond / sequential.imagesPerSecond);
  console.log(`(a) sequential per-image loop: ${images(sequential)}`);
  const batched = await batchedThroughput(files);
  console.log(
    `(b) batched pipeline (batch ${batchSize}, pool ${poolSize}): ${images(batched)}, ${speedup(batched)}x (a)`,
  );
  // What byte-identical preprocessing costs: the same pipeline with RESIZE_MODE=exact.
  const batchedExact = await batchedThroughput(files, 'exact');
  console.log(`(b exact) batched pipeline, RESIZE_MODE=exact: ${images(batchedExact)}`);
  const platformRows = Number(values['platform-rows']);
  const platformBatch = Number(values['platform-batch']);
  const platformOptions = {
    rows: platformRows,
    batchSize: platformBatch,
    poolSize: Math.max(1, cpu.length),
    concurrency: Math.max(2, cpu.length * 2),
  };
  const platform = await measurePlatformPath(files, { ...platformOptions, preprocessorConfig });
  console.log(
    `(c) platform path, no-op model (${platformRows} rows, batch ${platformBatch}): ${images(platform)}`,
  );
  // The same path without decoding: what queue, storage, workers and Postgres cost on their own,
  // next to (c), whose difference is the JPEG decoding and resizing.
  const platformWithoutDecoding = await measurePlatformPath(files, platformOptions);
  console.log(
    `(c0) platform path, no-op model, images not decoded: ${images(platformWithoutDecoding)}`,
  );
  const decodeOnly = await decodeOnlyThroughput(files, preprocessorConfig);
  console.log(`(d) decode + resize alone, on all cores: ${images(decodeOnly)}`);
  const modelOnly = await modelOnlyThroughput(files, preprocessorConfig);
  console.log(
    `(b0) model alone, batch ${batchSize}, images decoded beforehand: ${images(modelOnly)}`,
  );

  // (b) and (c) do the work of two parts each on the same cores: whatever their overlap, they
  // cannot beat the core time those parts take together.
  const batchedCeiling = ceilingOfParts(modelOnly, decodeOnly);
  console.log(
    `ceiling of (b) from (b0) + (d): ${round(batchedCeiling)} images/s, ${round(batchedCeiling / sequential.imagesPerSecond)}x (a)`,
  );
  const platformCeiling = ceilingOfParts(platformWithoutDecoding, decodeOnly);
  console.log(`ceiling of (c) from (c0) + (d): ${round(platformCeiling)} images/s`);

  console.log(
    JSON.stringify({
      bench: 'inference',
      images: imageCount,
      batchSize,
      poolSize,
      sequentialImagesPerSecond: round(sequential.imagesPerSecond),
      batchedImagesPerSecond: round(batched.imagesPerSecond),
      batchedSpeedup: speedup(batched),
      batchedExactResizeImagesPerSecond: round(batchedExact.imagesPerSecond),
      platformPathNoopImagesPerSecond: round(platform.imagesPerSecond),
      platformPathWithoutDecodingImagesPerSecond: round(platformWithoutDecoding.imagesPerSecond),
      decodeOnlyImagesPerSecond: round(decodeOnly.imagesPerSecond),
      modelOnlyImagesPerSecond: round(modelOnly.imagesPerSecond),
      batchedCeilingImagesPerSecond: round(batchedCeiling),
      platformPathCeilingImagesPerSecond: round(platformCeiling),
      cpus: cpu.length,
      decodeThreads: Number(process.env.UV_THREADPOOL_SIZE),
      node: process.version,
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
