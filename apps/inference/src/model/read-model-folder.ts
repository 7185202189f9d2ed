import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PreprocessorConfig } from '../preprocess/preprocessor-config';
import { sha256File } from './checksums';
import { ModelFolderError } from './model-folder-error';
import {
  Blip2ModelConfig,
  CONFIG_FILE,
  GENERATION_CONFIG_FILE,
  GenerationConfigFile,
  MANIFEST_FILE,
  ModelManifest,
  type ParsedModelManifest,
  PREPROCESSOR_CONFIG_FILE,
  REQUIRED_FILES,
  TOKENIZER_CONFIG_FILE,
  TOKENIZER_FILE,
} from './model-files';

/** A model folder whose files are present, listed in its manifest and parsed. */
export interface ModelFolder {
  dir: string;
  manifest: ParsedModelManifest;
  config: Blip2ModelConfig;
  generationConfig: GenerationConfigFile;
  preprocessorConfig: PreprocessorConfig;
  tokenizerJson: Record<string, unknown>;
  tokenizerConfig: Record<string, unknown>;
}

export interface ReadModelFolderOptions {
  /** Hash every file against manifest.json (default true; worker threads skip it after the main thread did it). */
  verifyChecksums?: boolean;
}

const JsonObject = z.record(z.string(), z.unknown());

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function readJson<T extends z.ZodType>(
  dir: string,
  file: string,
  schema: T,
): Promise<z.output<T>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(dir, file), 'utf8'));
  } catch (error) {
    throw new ModelFolderError(dir, file, `not readable JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new ModelFolderError(dir, file, `invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * Checks a model folder before any work is taken: every contract file exists and is listed in
 * manifest.json, every listed file (external weight data included) matches its sha256, and the
 * JSON files parse. Throws ModelFolderError naming the first problem found.
 */
export async function readModelFolder(
  dir: string,
  options: ReadModelFolderOptions = {},
): Promise<ModelFolder> {
  const folderStat = await stat(dir).catch(() => undefined);
  if (!folderStat?.isDirectory()) throw new ModelFolderError(dir, '.', 'folder does not exist');

  for (const file of [...REQUIRED_FILES, MANIFEST_FILE]) {
    if (!(await isFile(join(dir, file)))) throw new ModelFolderError(dir, file, 'missing');
  }
  const manifest = await readJson(dir, MANIFEST_FILE, ModelManifest);
  for (const file of REQUIRED_FILES) {
    if (!(file in manifest.files))
      throw new ModelFolderError(dir, file, `not listed in ${MANIFEST_FILE}`);
  }
  if (options.verifyChecksums ?? true) {
    for (const [file, expected] of Object.entries(manifest.files)) {
      const path = join(dir, file);
      if (!(await isFile(path)))
        throw new ModelFolderError(dir, file, `listed in ${MANIFEST_FILE} but missing`);
      const actual = await sha256File(path);
      if (actual !== expected) {
        throw new ModelFolderError(
          dir,
          file,
          `checksum mismatch (${MANIFEST_FILE} says ${expected}, file is ${actual})`,
        );
      }
    }
  }

  const hasTokenizerConfig = await isFile(join(dir, TOKENIZER_CONFIG_FILE));
  return {
    dir,
    manifest,
    config: await readJson(dir, CONFIG_FILE, Blip2ModelConfig),
    generationConfig: await readJson(dir, GENERATION_CONFIG_FILE, GenerationConfigFile),
    preprocessorConfig: await readJson(dir, PREPROCESSOR_CONFIG_FILE, PreprocessorConfig),
    tokenizerJson: await readJson(dir, TOKENIZER_FILE, JsonObject),
    tokenizerConfig: hasTokenizerConfig
      ? await readJson(dir, TOKENIZER_CONFIG_FILE, JsonObject)
      : {},
  };
}
