import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InferenceSession } from 'onnxruntime-node';
import { ModelFolderError } from './model-folder-error';
import { ONNX_FILES } from './model-files';
import type { ModelFolder } from './read-model-folder';
import { assertSessionContract } from './session-contract';

export type ExecutionProviderName = 'cuda' | 'cpu';
export const DEFAULT_EXECUTION_PROVIDERS: readonly ExecutionProviderName[] = ['cuda', 'cpu'];

export interface OpenSessionsOptions {
  /** Tried in order; the first under which all three graphs load wins. */
  executionProviders?: readonly ExecutionProviderName[];
  /** onnxruntime's intra-op threads per session (default: onnxruntime's choice, all cores). */
  intraOpNumThreads?: number;
  /**
   * Whether idle intra-op threads busy-wait for the next operator (onnxruntime's default) instead
   * of sleeping. Default false here: between and during runs this service decodes images on the
   * same cores (libvips on libuv's threads), and spinning threads take those cores away. Measured
   * on 2 cores with the tiny model, 2 intra-op threads: spinning doubled the model's CPU time
   * (~1.7 -> ~0.9 ms a captioned image at batch 16) and slowed the concurrent decoding with it.
   */
  allowSpinning?: boolean;
  /** Where the one-line fallback notice goes (default console.warn). */
  log?: (line: string) => void;
}

/** The three inference sessions of a model folder, all on one execution provider. */
export interface ModelSessions {
  visionEncoder: InferenceSession;
  embedTokens: InferenceSession;
  decoder: InferenceSession;
  executionProvider: ExecutionProviderName;
  release(): Promise<void>;
}

/**
 * Whether onnxruntime-node's CUDA provider library was installed (it is downloaded at install
 * time only when ONNXRUNTIME_NODE_INSTALL asks for it). Checking first avoids onnxruntime's own
 * multi-line load error on every CPU-only start; a present library can still fail to start (no
 * GPU, wrong CUDA), which the fallback below handles.
 */
function cudaProviderInstalled(): boolean {
  const packageDir = dirname(
    createRequire(import.meta.url).resolve('onnxruntime-node/package.json'),
  );
  const bindingDir = join(packageDir, 'bin', 'napi-v6', process.platform, process.arch);
  return existsSync(join(bindingDir, 'libonnxruntime_providers_cuda.so'));
}

async function createSession(
  folder: ModelFolder,
  file: string,
  provider: ExecutionProviderName,
  threads: number | undefined,
  allowSpinning: boolean,
) {
  return InferenceSession.create(join(folder.dir, file), {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    ...(threads === undefined ? {} : { intraOpNumThreads: threads }),
    extra: { session: { intra_op: { allow_spinning: allowSpinning ? '1' : '0' } } },
    // Warnings about unused initializers and the like are noise in a worker log.
    logSeverityLevel: 3,
  });
}

/**
 * Opens the three graphs on the first execution provider that works. A provider that fails to
 * start (no GPU, CUDA libraries missing, provider not installed) falls through to the next with
 * one log line; if the last one fails too, its error is reported against the file that failed.
 */
export async function openModelSessions(
  folder: ModelFolder,
  options: OpenSessionsOptions = {},
): Promise<ModelSessions> {
  const providers = options.executionProviders ?? DEFAULT_EXECUTION_PROVIDERS;
  const log = options.log ?? ((line: string) => console.warn(line));
  if (providers.length === 0) throw new Error('at least one execution provider is required');

  for (const [index, provider] of providers.entries()) {
    const next = providers[index + 1];
    if (provider === 'cuda' && next !== undefined && !cudaProviderInstalled()) {
      log(
        `inference: cuda execution provider not installed (set ONNXRUNTIME_NODE_INSTALL=cuda12 at install); using ${next}`,
      );
      continue;
    }
    const opened: InferenceSession[] = [];
    let currentFile: string = ONNX_FILES.visionEncoder;
    try {
      const open = async (file: string) => {
        currentFile = file;
        const session = await createSession(
          folder,
          file,
          provider,
          options.intraOpNumThreads,
          options.allowSpinning ?? false,
        );
        opened.push(session);
        return session;
      };
      const sessions = {
        visionEncoder: await open(ONNX_FILES.visionEncoder),
        embedTokens: await open(ONNX_FILES.embedTokens),
        decoder: await open(ONNX_FILES.decoder),
      };
      assertSessionContract(folder, sessions);
      return {
        ...sessions,
        executionProvider: provider,
        release: async () => {
          await Promise.all(opened.map((session) => session.release()));
        },
      };
    } catch (error) {
      await Promise.all(opened.map((session) => session.release().catch(() => undefined)));
      // A contract violation is a property of the files, not of the provider: no point retrying.
      if (error instanceof ModelFolderError) throw error;
      const reason = (error as Error).message.split('\n')[0];
      if (next === undefined)
        throw new ModelFolderError(
          folder.dir,
          currentFile,
          `cannot be loaded on ${provider}: ${reason}`,
        );
      log(
        `inference: ${provider} execution provider unavailable (${reason}); falling back to ${next}`,
      );
    }
  }
  throw new Error('unreachable');
}
