import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Local state that never goes into git: embedded database files, secrets generated on first start. */
export const DATA_DIR = fileURLToPath(new URL('../../.data', import.meta.url));
