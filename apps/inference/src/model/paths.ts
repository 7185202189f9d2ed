import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** The repository root, found from this file's location so scripts work from any cwd. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');

/** Where `npm run model:tiny` writes, and the model used when MODEL_DIR is not set. */
export const DEFAULT_MODEL_DIR = resolve(REPO_ROOT, 'models/tiny-blip2');
