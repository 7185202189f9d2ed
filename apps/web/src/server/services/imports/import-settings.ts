import { serverEnv } from '../../../env';

/** The limits and places an import works with; built from the environment or by tests and benchmarks. */
export interface ImportSettings {
  storageDir: string;
  /** Root below which server-folder connections may read; undefined disables them. */
  dataRoot: string | undefined;
  /** Exact `host:port` entries (lowercase, IPv6 in brackets) that may be private addresses. */
  allowHosts: ReadonlySet<string>;
  /** AES-256-GCM key for connection secrets at rest. */
  encryptionKey: Buffer | undefined;
  maxBytes: number;
  fetchTimeoutMs: number;
  /** Items read and decoded at once within one import. */
  concurrency: number;
}

export function importSettingsFromEnv(): ImportSettings {
  const env = serverEnv();
  return {
    storageDir: env.STORAGE_DIR,
    dataRoot: env.DATA_ROOT,
    allowHosts: new Set(env.IMPORT_ALLOW_HOSTS),
    encryptionKey: env.DATA_ENCRYPTION_KEY,
    maxBytes: env.IMPORT_MAX_BYTES,
    fetchTimeoutMs: env.IMPORT_FETCH_TIMEOUT_MS,
    concurrency: env.IMPORT_CONCURRENCY,
  };
}
