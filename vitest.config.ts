/**
 * Two projects: `unit` — every test that runs in this process and needs no PostgreSQL, no Next
 * build and no child process (`npm run test:unit`, seconds) — and `integration` — the rest, with
 * the global setup that provides a PostgreSQL server and a migrated template database. Which is
 * which follows from where a test lives: tests/ and the CLI's process tests (scripts/cli/cli-*)
 * are integration tests; every other test beside its module is a unit test. `npm test` runs both.
 */
import { defineConfig } from 'vitest/config';
import path from 'node:path';

const INTEGRATION = ['tests/**/*.test.ts', 'scripts/cli/cli-*.test.ts'];

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname, 'src') } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...INTEGRATION, 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          exclude: ['tests/e2e/**', 'node_modules/**'],
          globalSetup: ['tests/setup/global-setup.ts'],
        },
      },
    ],
  },
});
