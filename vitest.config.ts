import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Store suites open PGlite (2–3 s cold) and PostgreSQL; end-to-end suites start emulators.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // 2 cores on CI: two workers keep PGlite start-up and the emulators from starving each other.
    maxWorkers: 2,
  },
});
