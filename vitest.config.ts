import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // A throwaway PostgreSQL cluster for the store contract tests (or BRIEFING_TEST_DATABASE_URL)
    globalSetup: ['test/postgres/global-setup.ts'],
  },
});
