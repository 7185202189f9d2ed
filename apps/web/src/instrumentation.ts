/**
 * Runs once when the server starts: a server without its configuration (above all without
 * NEXTAUTH_SECRET) refuses to start instead of failing on the first sign-in. Then it starts the
 * background workers for data imports, exports, sync-back runs and webhook deliveries (with the
 * sweep that announces completed caption jobs), which live in the web process.
 */
export async function register(): Promise<void> {
  // Next replaces NEXT_RUNTIME at build time, which drops this branch from the Edge bundle; read
  // through env.ts it could not, so this is the one direct process.env read outside env.ts.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { assertServerEnv } = await import('./env-check');
    assertServerEnv();
    const { startImportWorker } = await import('./server/services/imports/start-import-worker');
    startImportWorker();
    const { startSyncWorker } = await import('./server/services/sync/sync-runtime');
    startSyncWorker();
    const { startWebhookWorker } = await import('./server/services/webhooks/webhook-runtime');
    startWebhookWorker();
    const { startExportWorker } = await import('./server/services/exports/start-export-worker');
    startExportWorker();
  }
}
