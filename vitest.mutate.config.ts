import { defineConfig } from 'vitest/config';

// The tests that run in this process (unit and command tests): the ones a source mutant can reach.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/commands/**/*.test.ts'],
    testTimeout: 30_000,
    maxWorkers: 2,
  },
});
