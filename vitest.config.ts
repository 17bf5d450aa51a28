import { defineConfig } from 'vitest/config';

// Three projects over the same real services that `npm test` starts:
// - postgres: every integration test, against a real PostgreSQL server;
// - pglite: the data-layer suites (*.db.test.ts) again, against embedded PGlite;
// - browser: Chromium end to end, one file at a time.
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/browser/**'],
          env: { TEST_DB: 'postgres' },
          globalSetup: ['tests/setup/postgres-template.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: ['tests/**/*.db.test.ts'],
          env: { TEST_DB: 'pglite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          env: { TEST_DB: 'postgres' },
          globalSetup: ['tests/setup/postgres-template.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
