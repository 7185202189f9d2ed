// Generates the Prisma client (run by `npm install`).
// The Prisma CLI downloads a native schema engine at start-up even for `generate`, which fails
// without internet access. The client itself is engine-free (prisma-client generator + adapter-pg),
// so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file lets `generate` run offline.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
