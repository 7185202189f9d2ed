// The web app's configuration, read from the environment once and validated with zod.
// This is the only module that reads process.env.
import path from 'node:path';
import { z } from 'zod';

/** `host:port` entries, e.g. `127.0.0.1:8123,minio.internal:9000`. */
const HostPortList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(
          /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):\d{1,5}$/,
          'IMPORT_ALLOW_HOSTS entries must be host:port (IPv6 as [addr]:port)',
        ),
    ),
  );

/** 32 random bytes, base64 (e.g. `openssl rand -base64 32`). */
const EncryptionKey = z
  .string()
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((key) => key.length === 32, 'DATA_ENCRYPTION_KEY must be 32 bytes, base64-encoded');

// `next start` runs in apps/web while scripts run at the repository root; both mean the same
// folder when STORAGE_DIR is unset.
const REPO_ROOT = process.cwd().endsWith(path.join('apps', 'web'))
  ? path.resolve(process.cwd(), '../..')
  : process.cwd();

const ServerEnv = z.object({
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is required (a postgresql:// connection string)' })
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// connection string'),
  REDIS_URL: z
    .string({ error: 'REDIS_URL is required (a redis:// connection string)' })
    .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// connection string'),
  NEXTAUTH_SECRET: z
    .string({ error: 'NEXTAUTH_SECRET is required: set it to a random string of 32+ characters' })
    .min(32, 'NEXTAUTH_SECRET must be at least 32 characters long'),
  /** The public base URL; cookies are Secure when it is https. */
  NEXTAUTH_URL: z.url({ error: 'NEXTAUTH_URL must be an absolute URL' }).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  /** Where image originals and thumbnails are stored (the folder the inference worker reads). */
  STORAGE_DIR: z.string().default(path.join(REPO_ROOT, '.data/storage')),
  /** Days a background export's file stays downloadable; then it is deleted and marked expired. */
  EXPORT_RETENTION_DAYS: z.coerce
    .number({ error: 'EXPORT_RETENTION_DAYS must be a whole number of days' })
    .int('EXPORT_RETENTION_DAYS must be a whole number of days')
    .min(1, 'EXPORT_RETENTION_DAYS must be at least 1')
    .max(3650, 'EXPORT_RETENTION_DAYS must be at most 3650')
    .default(7),
  /** BullMQ key prefix; must equal the inference workers' QUEUE_PREFIX. Also namespaces rate limits. */
  QUEUE_PREFIX: z.string().min(1).default('bull'),
  /** The one folder server-folder connections may read below; unset, they are disabled. */
  DATA_ROOT: z.string().optional(),
  /** Private hosts an admin opened for imports (URL lists, S3 endpoints), as exact host:port. */
  IMPORT_ALLOW_HOSTS: HostPortList.default([]),
  /** Key for connection credentials at rest (AES-256-GCM); needed once S3 secrets are stored. */
  DATA_ENCRYPTION_KEY: EncryptionKey.optional(),
  /** Largest image file an import accepts. */
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  /** Time one URL or object may take to download, connection included. */
  IMPORT_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Downloads in flight per import. */
  IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(128).default(16),
  /** Background imports one server process runs at once. */
  IMPORT_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** How long a reviewer's claim on a work item lasts before the item returns to its queue. */
  REVIEW_LEASE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  /** Failed sign-ins one address may make for one email within the sign-in window. */
  RATE_LIMIT_SIGN_IN_FAILURES: z.coerce.number().int().positive().default(10),
  /** Failed sign-ins one address may make, whatever the emails, within the sign-in window. */
  RATE_LIMIT_SIGN_IN_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(100),
  /** The window the sign-in failure limits count over. */
  RATE_LIMIT_SIGN_IN_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60),
  /** Requests one API key may make per minute. */
  RATE_LIMIT_API_KEY_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  /** Unknown, malformed or revoked API keys one address may present per minute. */
  RATE_LIMIT_API_KEY_FAILURES_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /**
   * Seconds a web process goes on trusting an API key it has just authenticated, without asking
   * the database again; a revocation elsewhere takes effect within this. 0 asks every time.
   */
  API_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
});
export type ServerEnv = z.infer<typeof ServerEnv>;

/** Raised when the environment is incomplete; its message names every offending variable. */
export class ServerEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`The web app cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ServerEnvError';
  }
}

/** Validates an environment; pure, so tests can pass their own record. */
export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  // Empty strings count as unset: `NEXTAUTH_SECRET= next start` must fail like a missing one.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = ServerEnv.safeParse(present);
  if (!result.success) {
    throw new ServerEnvError(result.error.issues.map((issue) => issue.message));
  }
  return result.data;
}

let cached: ServerEnv | undefined;

/**
 * The validated server environment. Read lazily (not at import) so that `next build`, which
 * imports route modules, does not need production secrets.
 */
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}

/** True when the public URL is https, so cookies must carry the Secure flag. */
export function usesSecureCookies(env: Pick<ServerEnv, 'NEXTAUTH_URL'> = serverEnv()): boolean {
  return env.NEXTAUTH_URL?.startsWith('https://') ?? false;
}
