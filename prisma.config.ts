import { defineConfig } from 'prisma/config';

// The Prisma CLI reads this file; it loads no .env by itself, so DATABASE_URL comes from the shell.
// `prisma migrate deploy` works against the migrations in prisma/migrations as usual; the platform
// applies the same folder itself at start (packages/db/src/migrate.ts) without the native engine.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/captionary',
  },
});
