// The web app's configuration, read from the environment once and validated with zod.
// This is the only module that reads process.env.
import { z } from 'zod';

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
