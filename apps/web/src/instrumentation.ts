/**
 * Runs once when the server starts: a server without its configuration (above all without
 * NEXTAUTH_SECRET) refuses to start instead of failing on the first sign-in. The background
 * workers (imports, exports, sync-back runs, webhook deliveries) run in the jobs process
 * (src/jobs/main.ts), not here: this process only serves HTTP.
 */
export async function register(): Promise<void> {
  // Next replaces NEXT_RUNTIME at build time, which drops this branch from the Edge bundle; read
  // through env.ts it could not, so this is the one direct process.env read outside env.ts.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { assertServerEnv } = await import('./env-check');
    assertServerEnv();
  }
}
