import type { GenerationParams } from '@captionary/shared';
import type { LoadedModelInfo } from './caption-model';
import type { CaptionItemResult } from './caption-result';
import type { CaptionModelSpec } from './caption-model-spec';

/** Data a pool thread starts with (workerData). */
export interface CaptionWorkerData {
  spec: CaptionModelSpec;
}

/** Main thread -> pool thread. Images are bytes (copied across) or file paths. */
export type ToWorkerMessage = {
  type: 'caption';
  id: number;
  images: Array<Uint8Array | string>;
  params: GenerationParams;
};

/** Pool thread -> main thread. */
export type FromWorkerMessage =
  | { type: 'ready'; info: LoadedModelInfo }
  | {
      type: 'startup-failed';
      message: string;
      /** Set when the model folder was the problem, so the pool can rethrow a ModelFolderError. */
      modelFolder?: { dir: string; file: string; problem: string };
    }
  | { type: 'result'; id: number; results: CaptionItemResult[] }
  | { type: 'failed'; id: number; message: string };
