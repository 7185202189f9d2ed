import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests, and integration tests that talk to the real PostgreSQL and Redis
// (run serially, since they share one database).
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{apps,packages}/*/{src,test}/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // The web app refuses to start without an auth secret; integration tests run its
          // server code in-process, so they share this test-only one.
          env: { NEXTAUTH_SECRET: 'integration-test-secret-of-at-least-32-chars' },
          include: [
            '{apps,packages}/*/{src,test}/**/*.integration.test.ts',
            'scripts/**/*.integration.test.ts',
          ],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
