// The inference worker's configuration, validated once at start; process.env is read nowhere else.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { RESIZE_MODES } from './preprocess/decode-image';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

const Env = z.object({
  DATABASE_URL: z.string().url(),
  REDIS_URL: z.string().url(),
  MODEL_DIR: z.string().default(path.join(REPO_ROOT, 'models/tiny-blip2')),
  /** Where originals are stored (the same folder the web app writes to). */
  STORAGE_DIR: z.string().default(path.join(REPO_ROOT, '.data/storage')),
  /** Execution providers to try in order, comma-separated. */
  EXECUTION_PROVIDERS: z
    .string()
    .default('cuda,cpu')
    .transform((value) => value.split(',').map((p) => p.trim()))
    .pipe(z.array(z.enum(['cuda', 'cpu'])).min(1)),
  /**
   * How images are resized to the model's input size: 'fast' (within a fraction of a level of
   * Hugging Face's pixels) or 'exact' (byte-identical to them, ~8x the resize cost); see ResizeMode.
   */
  RESIZE_MODE: z.enum(RESIZE_MODES).default('fast'),
  /** Threads that run the model (each holds its own ONNX sessions). */
  INFERENCE_THREADS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(Math.max(1, Math.min(2, os.cpus().length - 1))),
  /**
   * libuv's thread pool, where sharp decodes images (one image a thread). Node sizes it from this
   * variable once, when the process starts (default 4); `npm start` and the worker image set it to
   * two per core. Read here to report it and to refuse a value libuv would not take.
   */
  UV_THREADPOOL_SIZE: z.coerce.number().int().min(1).max(1024).default(4),
  /** Batches in flight per worker process. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** How long a batch's lock lasts before a dead worker's batch is handed to another worker. */
  BATCH_LOCK_MS: z.coerce.number().int().min(1000).default(60_000),
  /**
   * How often the worker compares open batches in Postgres with the queue, requeueing those Redis
   * lost and settling those the queue gave up on.
   */
  QUEUE_SWEEP_MS: z.coerce.number().int().min(1000).default(60_000),
  /** A file touched with every heartbeat, for container health checks. */
  HEARTBEAT_FILE: z.string().optional(),
  /** BullMQ key prefix (tests use their own to stay apart). */
  QUEUE_PREFIX: z.string().default('bull'),
});
export type InferenceEnv = z.infer<typeof Env>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): InferenceEnv {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `  ${i.path.join('.')}: ${i.message}`)
      .join('\n');
    throw new Error(`Invalid inference worker configuration:\n${problems}`);
  }
  return parsed.data;
}
