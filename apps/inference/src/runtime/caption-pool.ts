import { Worker } from 'node:worker_threads';
import { GenerationParams } from '@captionary/shared';
import { ModelFolderError } from '../model/model-folder-error';
import { readModelFolder } from '../model/read-model-folder';
import type { ImageInput } from '../preprocess/decode-image';
import type { LoadedModelInfo } from './caption-model';
import type { CaptionItemResult } from './caption-result';
import type { CaptionModelSpec } from './caption-model-spec';
import type { CaptionWorkerData, FromWorkerMessage, ToWorkerMessage } from './worker-messages';

export interface CaptionPoolOptions {
  model: CaptionModelSpec;
  /** Worker threads, each with its own sessions (default 1; one per GPU stream or CPU socket). */
  size?: number;
}

interface PendingRequest {
  resolve: (results: CaptionItemResult[]) => void;
  reject: (error: Error) => void;
}

interface PoolThread {
  worker: Worker;
  pending: Map<number, PendingRequest>;
}

/** A .mjs entry that registers tsx and then imports caption-worker.ts (see that file for why). */
const WORKER_URL = new URL('./caption-worker-entry.mjs', import.meta.url);

function startThread(
  spec: CaptionModelSpec,
): Promise<{ thread: PoolThread; info: LoadedModelInfo }> {
  const workerData: CaptionWorkerData = { spec };
  const worker = new Worker(WORKER_URL, { workerData });
  return new Promise((resolve, reject) => {
    const onStartupExit = (code: number) =>
      reject(new Error(`caption worker exited with code ${code} while starting`));
    worker.once('error', reject);
    worker.once('exit', onStartupExit);
    worker.once('message', (message: FromWorkerMessage) => {
      worker.off('error', reject);
      worker.off('exit', onStartupExit);
      if (message.type === 'ready') {
        resolve({ thread: { worker, pending: new Map() }, info: message.info });
      } else if (message.type === 'startup-failed') {
        void worker.terminate();
        const folder = message.modelFolder;
        reject(
          folder
            ? new ModelFolderError(folder.dir, folder.file, folder.problem)
            : new Error(message.message),
        );
      } else {
        reject(new Error(`caption worker sent ${message.type} before ready`));
      }
    });
  });
}

/**
 * A pool of worker threads running CaptionModels. `caption()` sends one batch to the least busy
 * thread and resolves with one result per image; the calling thread never blocks on inference,
 * so a BullMQ worker on it keeps renewing its locks.
 */
export class CaptionPool {
  private nextRequestId = 0;
  private closed = false;

  private constructor(
    readonly info: LoadedModelInfo,
    private readonly threads: PoolThread[],
  ) {
    for (const thread of threads) this.watch(thread);
  }

  /**
   * Starts the threads and waits until each has loaded its model. For an ONNX model the folder is
   * verified once here (ModelFolderError on any problem) and the threads skip re-hashing.
   */
  static async start(options: CaptionPoolOptions): Promise<CaptionPool> {
    let spec = options.model;
    if (spec.kind === 'onnx' && (spec.verifyChecksums ?? true)) {
      await readModelFolder(spec.modelDir, { verifyChecksums: true });
      spec = { ...spec, verifyChecksums: false };
    }
    const size = options.size ?? 1;
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`pool size must be a positive integer, got ${size}`);
    const started = await Promise.allSettled(Array.from({ length: size }, () => startThread(spec)));
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) {
      await Promise.all(
        started.map((result) =>
          result.status === 'fulfilled' ? result.value.thread.worker.terminate() : undefined,
        ),
      );
      throw failure.reason as Error;
    }
    const threads = started.map(
      (result) => (result as PromiseFulfilledResult<{ thread: PoolThread }>).value.thread,
    );
    const { info } = (started[0] as PromiseFulfilledResult<{ info: LoadedModelInfo }>).value;
    return new CaptionPool(info, threads);
  }

  /** Captions one batch. Rejected images come back as `{error, reason}` items; others as captions. */
  caption(
    images: readonly ImageInput[],
    params: GenerationParams | Partial<GenerationParams> = {},
  ): Promise<CaptionItemResult[]> {
    if (this.closed) return Promise.reject(new Error('caption pool is closed'));
    const parsedParams = GenerationParams.parse(params);
    if (images.length === 0) return Promise.resolve([]);
    const thread = this.threads.reduce((least, candidate) =>
      candidate.pending.size < least.pending.size ? candidate : least,
    );
    const id = this.nextRequestId++;
    const message: ToWorkerMessage = {
      type: 'caption',
      id,
      images: [...images],
      params: parsedParams,
    };
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage(message);
    });
  }

  /** Stops all threads; requests still in flight are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private watch(thread: PoolThread): void {
    thread.worker.on('message', (message: FromWorkerMessage) => {
      if (message.type !== 'result' && message.type !== 'failed') return;
      const request = thread.pending.get(message.id);
      if (!request) return;
      thread.pending.delete(message.id);
      if (message.type === 'result') request.resolve(message.results);
      else request.reject(new Error(message.message));
    });
    const failAll = (error: Error) => {
      for (const request of thread.pending.values()) request.reject(error);
      thread.pending.clear();
    };
    thread.worker.on('error', failAll);
    thread.worker.on('exit', (code) => {
      failAll(
        new Error(this.closed ? 'caption pool closed' : `caption worker exited with code ${code}`),
      );
    });
  }
}
