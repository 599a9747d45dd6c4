import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Suites share one PostgreSQL server (each in its own database) and spawn CLI processes; two cores.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
