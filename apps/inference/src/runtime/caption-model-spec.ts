import type { ExecutionProviderName } from '../model/open-sessions';
import type { ResizeMode } from '../preprocess/decode-image';
import type { PreprocessorConfig } from '../preprocess/preprocessor-config';
import type { CaptionModel } from './caption-model';
import { NoopCaptionModel } from './noop-caption-model';
import { OnnxCaptionModel } from './onnx-caption-model';

/**
 * Which CaptionModel a pool thread builds. It crosses the thread boundary, so it is plain data;
 * each thread constructs its own model (and its own onnxruntime sessions) from it.
 */
export type CaptionModelSpec =
  | {
      kind: 'onnx';
      modelDir: string;
      executionProviders?: ExecutionProviderName[];
      intraOpNumThreads?: number;
      /** See OpenSessionsOptions.allowSpinning (default false). */
      allowSpinning?: boolean;
      /** Threads skip hashing when the main thread already verified the folder. */
      verifyChecksums?: boolean;
      resizeMode?: ResizeMode;
    }
  | { kind: 'noop'; preprocessorConfig?: PreprocessorConfig; caption?: string };

export async function createCaptionModel(spec: CaptionModelSpec): Promise<CaptionModel> {
  switch (spec.kind) {
    case 'onnx':
      return OnnxCaptionModel.load(spec.modelDir, {
        ...(spec.executionProviders ? { executionProviders: spec.executionProviders } : {}),
        ...(spec.intraOpNumThreads ? { intraOpNumThreads: spec.intraOpNumThreads } : {}),
        ...(spec.allowSpinning === undefined ? {} : { allowSpinning: spec.allowSpinning }),
        verifyChecksums: spec.verifyChecksums ?? true,
        ...(spec.resizeMode ? { resizeMode: spec.resizeMode } : {}),
      });
    case 'noop':
      return new NoopCaptionModel(spec);
  }
}
